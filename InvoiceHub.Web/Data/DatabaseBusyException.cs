namespace InvoiceHub.Web.Data;

/// <summary>
/// Another connection held the database's write lock for longer than the busy timeout. Nothing was written; the same
/// request succeeds once the lock is released (API: 503 with Retry-After).
/// </summary>
public sealed class DatabaseBusyException(Exception inner)
    : Exception("The database is busy with another operation; nothing was saved. Please try again in a few seconds.", inner)
{
    public const int RetryAfterSeconds = 5;
}
