using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Integrations.Email;

public sealed class EmailOutboxTests
{
    private static EmailMessage Reminder(string key) =>
        new("cleo@example.test", "Reminder: INV-2026-00001", "<p>Due today</p>", "Due today", "reminder", key);

    [Fact]
    public async Task Enqueue_with_the_same_deduplication_key_queues_one_email()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        var outbox = app.Services.GetRequiredService<EmailOutbox>();

        await using (var db = app.CreateDbContext())
        {
            Assert.True(await outbox.EnqueueAsync(db, Reminder("reminder:invoice:1:0")));
            Assert.False(await outbox.EnqueueAsync(db, Reminder("reminder:invoice:1:0")), "a duplicate in the same unit of work");
            await db.SaveChangesAsync();
        }
        await using (var db = app.CreateDbContext())
        {
            Assert.False(await outbox.EnqueueAsync(db, Reminder("reminder:invoice:1:0")), "a duplicate of a committed email");
            Assert.True(await outbox.EnqueueAsync(db, Reminder("reminder:invoice:1:7")));
            await db.SaveChangesAsync();
        }

        await using var check = app.CreateDbContext();
        var queued = await check.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(["reminder:invoice:1:0", "reminder:invoice:1:7"], queued.Select(m => m.DeduplicationKey));
        Assert.All(queued, m => Assert.Equal(OutboxStatus.Pending, m.Status));
    }

    [Fact]
    public void Failed_attempts_back_off_and_stop_after_the_limit()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var message = new OutboxMessage(Reminder("k"), now);

        message.MarkAttemptFailed("SMTP 421 service not available", now);
        Assert.Equal(now.AddMinutes(1), message.NextAttemptAt);
        message.MarkAttemptFailed("SMTP 421", now);
        Assert.Equal(now.AddMinutes(2), message.NextAttemptAt);
        for (var i = 2; i < OutboxMessage.MaxAttempts; i++)
        {
            message.MarkAttemptFailed("SMTP 421", now);
        }

        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(OutboxMessage.MaxAttempts, message.Attempts);
        Assert.Equal("SMTP 421", message.LastError);
    }
}
