using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Infrastructure.DemoData;

/// <summary>Creates the roles (always) and the demo users and API key (Development only).</summary>
public sealed class IdentitySeeder(
    RoleManager<IdentityRole> roles,
    UserManager<AppUser> users,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    TimeProvider clock,
    ILogger<IdentitySeeder> logger)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    public async Task<AppUser> EnsureUserAsync(string email, string displayName, string role, int? clientId, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, ClientId = clientId };
            Check(await users.CreateAsync(user, password), $"user {email}");
            Check(await users.AddToRoleAsync(user, role), $"role of {email}");
            logger.LogInformation("Created demo user {Email} with role {Role}", email, role);
        }
        return user;
    }

    public async Task EnsureApiKeyAsync(string name, string key, string role)
    {
        var hash = ApiKeys.Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash))
        {
            db.ApiKeys.Add(new ApiKey(name, hash, ApiKeys.DisplayPrefix(key), role, clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
