using System.Data.Common;

namespace InvoiceHub.Web.Data;

/// <summary>
/// Hand-written read queries on statements prepared once and kept, for the pages every client opens (the dashboard).
/// EF Core creates a new command per query, and some drivers plan the SQL of every new command again; each dialect
/// keeps its statements its own way (<see cref="Dialects.DatabaseDialect.CreatePreparedReads"/>). docs/decisions/0014.
/// </summary>
public abstract class PreparedReads : IDisposable
{
    /// <summary>Runs <paramref name="sql"/> with the parameters (the same names every time for the same SQL) and reads its rows.</summary>
    public abstract Task<T> QueryAsync<T>(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default);

    /// <summary>Closes the connections kept open, if any.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
