using System.Globalization;
using System.Security.Claims;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Infrastructure.Localization;

/// <summary>
/// Whose language is whose: a client's contact reads the client's language (<see cref="Domain.Clients.Client.Language"/>,
/// which staff set and the client may change in the portal); a staff member's own choice is a user claim, like their
/// theme. Staff who never chose read what their browser asks for.
/// </summary>
public sealed class LanguagePreferences(IDbContextFactory<InvoiceHubDbContext> dbFactory, MoneyTransaction transaction, ILogger<LanguagePreferences> logger)
{
    public const string ClaimType = "ih:language";

    /// <summary>The language <paramref name="user"/> chose, or null for none (staff who never chose, visitors, API keys).</summary>
    public async Task<Language?> OfAsync(AppUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (user.ClientId is { } clientId)
        {
            return Languages.Of(await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Language).SingleOrDefaultAsync(ct));
        }
        var code = await db.UserClaims.AsNoTracking().Where(c => c.UserId == user.Id && c.ClaimType == ClaimType).Select(c => c.ClaimValue).FirstOrDefaultAsync(ct);
        return Languages.Find(code);
    }

    /// <summary>Remembers the language a signed-in person chose: their client's for a client's contact, their own for staff.</summary>
    public async Task SetAsync(ClaimsPrincipal principal, Language language, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(language);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated != true || userId is null || userId.StartsWith("apikey:", StringComparison.Ordinal))
        {
            return;
        }
        if (int.TryParse(principal.FindFirstValue(InvoiceHubClaims.ClientId), NumberStyles.None, CultureInfo.InvariantCulture, out var clientId))
        {
            await transaction.RunAsync("set client language", async (db, c) =>
            {
                var client = await db.Clients.SingleAsync(x => x.Id == clientId, c);
                client.SetLanguage(language.Code);
                return client.Id;
            }, ct);
            logger.LogInformation("Client {ClientId} now reads {Language}", clientId, language.Code);
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.UserClaims.Where(c => c.UserId == userId && c.ClaimType == ClaimType).ExecuteDeleteAsync(ct);
        db.UserClaims.Add(new IdentityUserClaim<string> { UserId = userId, ClaimType = ClaimType, ClaimValue = language.Code });
        await db.SaveChangesAsync(ct);
    }
}
