using System.Collections.Concurrent;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>Named exclusive locks inside this process (<see cref="DatabaseDialect.HoldLockAsync"/> for single-process databases).</summary>
internal static class ProcessLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public static async Task<IAsyncDisposable> HoldAsync(string resource, CancellationToken cancellationToken)
    {
        var semaphore = Locks.GetOrAdd(resource, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken);
        return new Held(semaphore);
    }

    private sealed class Held(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}
