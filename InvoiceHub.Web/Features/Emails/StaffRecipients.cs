using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Emails;

/// <summary>A staff member an email goes to, and the language they read (their choice in the back office; English until they make one).</summary>
public sealed record StaffRecipient(string Email, string Language);

/// <summary>Who on the staff is told about money that needs a person (failed auto-charges, chargebacks).</summary>
public static class StaffRecipients
{
    /// <summary>Every Finance user, once per email address.</summary>
    public static async Task<List<StaffRecipient>> FinanceAsync(InvoiceHubDbContext db, CancellationToken cancellationToken)
    {
        var users = await (from user in db.Users
                           join userRole in db.UserRoles on user.Id equals userRole.UserId
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where role.Name == Roles.Finance && user.Email != null
                           select new { user.Id, Email = user.Email! }).ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var languages = (await db.UserClaims.Where(c => ids.Contains(c.UserId) && c.ClaimType == LanguagePreferences.ClaimType)
                .Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(cancellationToken))
            .DistinctBy(c => c.UserId).ToDictionary(c => c.UserId, c => Languages.Of(c.ClaimValue).Code);
        return users.DistinctBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new StaffRecipient(u.Email, languages.GetValueOrDefault(u.Id, Languages.Default.Code)))
            .ToList();
    }
}
