using System.Security.Claims;
using InvoiceHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>
/// Each person's light/dark choice, remembered with their account (a user claim, so it follows them to any browser).
/// A claim rather than a column: it is a preference of the sign-in, not data the product reasons about.
/// </summary>
public sealed class ThemePreferences(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public const string ClaimType = "ih:theme";
    private const string Dark = "dark";

    public async Task<bool> PrefersDarkAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var id = UserId(user);
        if (id is null)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UserClaims.AnyAsync(c => c.UserId == id && c.ClaimType == ClaimType && c.ClaimValue == Dark, ct);
    }

    public async Task SetDarkAsync(ClaimsPrincipal user, bool dark, CancellationToken ct = default)
    {
        var id = UserId(user);
        if (id is null)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.UserClaims.Where(c => c.UserId == id && c.ClaimType == ClaimType).ExecuteDeleteAsync(ct);
        if (dark)
        {
            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = id, ClaimType = ClaimType, ClaimValue = Dark });
            await db.SaveChangesAsync(ct);
        }
    }

    // API keys are not people ("apikey:…" ids); only signed-in users have a preference.
    private static string? UserId(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return user.Identity?.IsAuthenticated == true && id is not null && !id.StartsWith("apikey:", StringComparison.Ordinal) ? id : null;
    }
}
