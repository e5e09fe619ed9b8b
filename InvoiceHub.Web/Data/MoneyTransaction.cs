using InvoiceHub.Web.Data.Dialects;
using InvoiceHub.Web.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data;

/// <summary>
/// Runs one money operation as one database transaction. Aggregates carry a <c>Version</c> concurrency
/// token, so when two operations touch the same client or document at once the later save fails and the
/// whole operation runs again on fresh data; it never overdraws a balance or overpays an invoice.
/// On SQLite the transaction begins IMMEDIATE (writers queue instead of failing on a stale snapshot), after
/// taking its turn at the process's <see cref="SqliteWriteGate"/>. The domain events the operation raised are
/// dispatched by <see cref="DomainEventDispatcher"/>: before-commit handlers inside the transaction, after-commit
/// handlers (live updates) once it has committed; a failed attempt dispatches nothing.
/// </summary>
public sealed class MoneyTransaction(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    DomainEventDispatcher events,
    ILogger<MoneyTransaction> logger,
    SqliteWriteGate writeGate)
{
    public const int MaxAttempts = 8;

    public async Task<T> RunAsync<T>(string name, Func<InvoiceHubDbContext, CancellationToken, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            try
            {
                return await AttemptAsync(db, operation, cancellationToken);
            }
            catch (Exception ex) when (IsDatabaseBusy(ex))
            {
                // The driver already waited the whole busy timeout for the lock; the transaction rolled back.
                throw new DatabaseBusyException(ex);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex))
            {
                logger.LogInformation("{Operation} met a concurrent change (attempt {Attempt}); running it again", name, attempt);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    public Task RunAsync(string name, Func<InvoiceHubDbContext, CancellationToken, Task> operation, CancellationToken cancellationToken = default) =>
        RunAsync<bool>(name, async (db, ct) =>
        {
            await operation(db, ct);
            return true;
        }, cancellationToken);

    private async Task<T> AttemptAsync<T>(InvoiceHubDbContext db, Func<InvoiceHubDbContext, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await operation(db, cancellationToken);
            // Nobody to tell (no page open, no before-commit handler): skip the change-tracker scan.
            var raised = events.IsWanted ? DomainEventDispatcher.Collect(db) : null;
            await db.SaveChangesAsync(cancellationToken);
            if (raised is not null)
            {
                await events.BeforeCommitAsync(db, raised, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            if (raised is not null)
            {
                events.AfterCommit(raised);
            }
            return result;
        }
        catch
        {
            DomainEventDispatcher.Discard(db);
            throw;
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * Math.Min(attempt, 5));

    /// <summary>Conflicts worth a fresh attempt: optimistic concurrency and the dialects' own conflicts (<see cref="DatabaseDialect.IsTransient"/>).</summary>
    public static bool IsTransient(Exception ex) => DatabaseDialect.IsTransient(ex);

    /// <summary>The database stayed locked past its busy timeout (<see cref="DatabaseDialect.IsDatabaseBusy"/>).</summary>
    public static bool IsDatabaseBusy(Exception ex) => DatabaseDialect.IsDatabaseBusy(ex);
}
