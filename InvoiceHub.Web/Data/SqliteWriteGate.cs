namespace InvoiceHub.Web.Data;

/// <summary>
/// SQLite has one writer per file. A second <c>BEGIN IMMEDIATE</c> does not queue inside SQLite: Microsoft.Data.Sqlite
/// polls it with 150 ms sleeps, so sixteen concurrent webhooks spent most of their time asleep. Writers of this
/// process queue here instead and each starts the moment the previous one commits (docs/decisions/0012).
/// Other processes on the same file still meet SQLite's own lock. Only a dialect whose writers take turns
/// (<see cref="Dialects.DatabaseDialect.WritersTakeTurns"/>) waits here; PostgreSQL passes straight through.
/// </summary>
public sealed class SqliteWriteGate
{
    /// <summary>As long as a writer would wait on SQLite's busy timeout before giving up.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable?> EnterAsync(InvoiceHubDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Dialect.WritersTakeTurns)
        {
            return null;
        }
        if (!await _gate.WaitAsync(MaxWait, cancellationToken))
        {
            throw new TimeoutException($"No turn to write to the database within {MaxWait.TotalSeconds:0} s.");
        }
        return new Turn(_gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
