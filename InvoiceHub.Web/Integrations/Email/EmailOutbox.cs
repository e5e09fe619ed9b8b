using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Integrations.Email;

/// <summary>
/// Queues emails in the caller's DbContext, so they commit (or roll back) with the change that causes them.
/// Every HTML body gets the company header (<see cref="IEmailLetterhead"/>).
/// </summary>
public sealed class EmailOutbox(TimeProvider clock, IEmailLetterhead letterhead)
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
        var header = await HeaderAsync(message.Language, cancellationToken);
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
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var message in messages)
        {
            if (message.DeduplicationKey is null || taken.Add(message.DeduplicationKey))
            {
                var language = message.Language ?? Languages.Current.Code;
                if (!headers.TryGetValue(language, out var header))
                {
                    headers[language] = header = await HeaderAsync(language, cancellationToken);
                }
                db.Outbox.Add(new OutboxMessage(message with { HtmlBody = header + message.HtmlBody }, now));
                added.Add(message);
            }
        }
        return added;
    }

    /// <summary>The company header in the email's language (a batch holds emails to clients of several languages).</summary>
    private async Task<string> HeaderAsync(string? language, CancellationToken cancellationToken)
    {
        using (Languages.Use(language ?? Languages.Current.Code))
        {
            return await letterhead.HtmlAsync(cancellationToken);
        }
    }
}
