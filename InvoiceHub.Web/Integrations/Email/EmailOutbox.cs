using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Integrations.Email;

/// <summary>
/// Queues emails in the caller's DbContext, so they commit (or roll back) with the change that causes them.
/// Every HTML body gets the company header (<see cref="EmailBranding"/>).
/// </summary>
public sealed class EmailOutbox(TimeProvider clock, SettingsService settings, AppAddress address)
{
    /// <summary>
    /// Adds the message unless one with the same deduplication key exists already (committed or queued in
    /// this context). Returns false when it was a duplicate. The unique index is the final guard under races.
    /// </summary>
    public async Task<bool> EnqueueAsync(InvoiceHubDbContext db, EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (message.DeduplicationKey is { } key
            && (db.Outbox.Local.Any(m => m.DeduplicationKey == key)
                || await db.Outbox.AnyAsync(m => m.DeduplicationKey == key, cancellationToken)))
        {
            return false;
        }
        var header = await HeaderAsync(cancellationToken);
        db.Outbox.Add(new OutboxMessage(message with { HtmlBody = header + message.HtmlBody }, clock.GetUtcNow()));
        return true;
    }

    /// <summary>
    /// Adds every message whose deduplication key is not taken yet, checking the keys in one query (a job's batch).
    /// Returns the messages added.
    /// </summary>
    public async Task<IReadOnlyList<EmailMessage>> EnqueueAllAsync(InvoiceHubDbContext db, IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default)
    {
        var keys = messages.Select(m => m.DeduplicationKey).OfType<string>().ToList();
        var taken = (await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.DeduplicationKey!)).Select(m => m.DeduplicationKey!).ToListAsync(cancellationToken))
            .Concat(db.Outbox.Local.Select(m => m.DeduplicationKey).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var added = new List<EmailMessage>();
        var header = await HeaderAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var message in messages)
        {
            if (message.DeduplicationKey is null || taken.Add(message.DeduplicationKey))
            {
                db.Outbox.Add(new OutboxMessage(message with { HtmlBody = header + message.HtmlBody }, now));
                added.Add(message);
            }
        }
        return added;
    }

    private async Task<string> HeaderAsync(CancellationToken cancellationToken)
    {
        var logo = await settings.GetLogoAsync(cancellationToken);
        // Only a logo needs the public address (the image is linked, not attached), so an email without one never
        // fails for want of PaymentLinks:PublicBaseUrl outside Development.
        return EmailBranding.Header(await settings.GetAsync(cancellationToken), logo, logo is null ? null : address.PublicBaseUri);
    }
}
