using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Emails;

/// <summary>Who on the staff is told about money that needs a person (failed auto-charges, chargebacks).</summary>
public static class StaffRecipients
{
    /// <summary>The email addresses of every Finance user.</summary>
    public static Task<List<string>> FinanceAsync(InvoiceHubDbContext db, CancellationToken cancellationToken) =>
        (from user in db.Users
         join userRole in db.UserRoles on user.Id equals userRole.UserId
         join role in db.Roles on userRole.RoleId equals role.Id
         where role.Name == Roles.Finance && user.Email != null
         select user.Email!).Distinct().ToListAsync(cancellationToken);
}
