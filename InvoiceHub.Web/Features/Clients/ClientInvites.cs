using System.Text;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Infrastructure.Security;
using InvoiceHub.Web.Integrations.Email;
using InvoiceHub.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Clients;

/// <summary>Whether a client can sign in to the portal: no account yet, invited (no password yet), or active.</summary>
public sealed record PortalAccess(string? Email, bool HasPassword)
{
    public static readonly PortalAccess None = new(null, false);
}

/// <summary>
/// Invites a client to the portal: creates their Client-role sign-in (no password) if needed and emails a link to
/// <see cref="SetPasswordPath"/> with an Identity password-reset token — one-time (it is bound to the security stamp,
/// which setting the password changes) and expiring after <see cref="TokenLifespan"/>.
/// </summary>
public sealed class ClientInvites(
    UserManager<AppUser> users,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    EmailOutbox outbox,
    SettingsService settings)
{
    public const string SetPasswordPath = "account/set-password";
    public static readonly TimeSpan TokenLifespan = TimeSpan.FromDays(3);

    public async Task<PortalAccess> AccessAsync(int clientId, CancellationToken cancellationToken = default)
    {
        var user = await users.Users.AsNoTracking().Where(u => u.ClientId == clientId)
            .Select(u => new { u.Email, u.PasswordHash }).FirstOrDefaultAsync(cancellationToken);
        return user is null ? PortalAccess.None : new PortalAccess(user.Email, user.PasswordHash != null);
    }

    /// <summary>Queues the invite email; returns the address it goes to.</summary>
    public async Task<string> SendAsync(int clientId, Uri publicBaseUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        var company = await settings.GetAsync(cancellationToken);
        if (!company.ClientLogin)
        {
            throw new InviteRefusedException(AdminText.InviteClientLoginOff);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Name, c.Email, c.Language })
                         .SingleOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("client", clientId);
        var user = await EnsureUserAsync(clientId, client.Name, client.Email);

        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = new Uri(publicBaseUri, $"{SetPasswordPath}?user={Uri.EscapeDataString(user.Id)}&token={token}").ToString();
        using (Languages.Use(client.Language))
        {
            await outbox.EnqueueAsync(db, DocumentEmails.PortalInvite(user.Email!, client.Name, company.CompanyName, link, (int)TokenLifespan.TotalDays), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return user.Email!;
    }

    private async Task<AppUser> EnsureUserAsync(int clientId, string name, string email)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.ClientId == clientId);
        if (user is not null)
        {
            return user;
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new InviteRefusedException(string.Format(System.Globalization.CultureInfo.CurrentCulture, AdminText.InviteEmailTaken, email));
        }
        user = new AppUser { UserName = email, Email = email, DisplayName = name, ClientId = clientId };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.Client));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InviteRefusedException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>An invite that cannot be sent, with a message staff can act on.</summary>
public sealed class InviteRefusedException(string message) : Exception(message);
