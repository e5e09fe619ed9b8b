using InvoiceHub.Domain.Common;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Clients;

/// <summary>One client per email address: the portal account, invites and every email go by it.</summary>
public static class ClientEmails
{
    /// <summary>Refuses <paramref name="email"/> when another client than <paramref name="exceptClientId"/> has it, in any letter case.</summary>
    public static async Task EnsureUnusedAsync(InvoiceHubDbContext db, string email, int? exceptClientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lower = email.ToLowerInvariant();
        var holder = await db.Clients.AsNoTracking()
            .Where(c => c.Email.ToLower() == lower && c.Id != (exceptClientId ?? 0))
            .Select(c => c.Name)
            .FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            throw new DomainException(ErrorCodes.DuplicateEmail,
                $"{holder} already uses {email}. Each client needs their own email address; open that client instead, or use another address.", "email");
        }
    }
}
