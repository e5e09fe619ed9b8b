using System.Data.Common;
using System.Globalization;
using InvoiceHub.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// Every row of every InvoiceHub table as text (one line per row, columns in table order, rows sorted), so that a
/// database can be compared with itself before and after a change. EF's history and lock tables and Quartz's
/// <c>QRTZ_*</c> tables (written by the running scheduler, outside our migrations) are left out.
/// </summary>
public static class TableRows
{
    /// <summary>
    /// Every table's rows; with <paramref name="columnsOf"/>, each table it names is read with those columns only (so a
    /// database can be compared with itself before a migration that adds columns).
    /// </summary>
    public static async Task<SortedDictionary<string, List<string>>> ReadAsync(DatabaseProvider provider, string connectionString,
        IReadOnlyDictionary<string, List<string>>? columnsOf = null)
    {
        await using DbConnection connection = provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(connectionString),
            DatabaseProvider.Postgres => new NpgsqlConnection(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Only SQLite and PostgreSQL databases were ever built by the hand-written migrations."),
        };
        await connection.OpenAsync();
        var tables = await QueryAsync(connection, provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");

        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !t.StartsWith("__EFMigrations", StringComparison.Ordinal) && !t.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase)))
        {
            var columns = columnsOf?.GetValueOrDefault(table) is { } named ? string.Join(", ", named.Select(c => $"\"{c}\"")) : "*";
            var rows = await QueryAsync(connection, $"SELECT {columns} FROM \"{table}\"");
            rows.Sort(StringComparer.Ordinal);
            result[table] = rows;
        }
        return result;
    }

    /// <summary>The column names of every table, in table order.</summary>
    public static async Task<Dictionary<string, List<string>>> ColumnsAsync(DatabaseProvider provider, string connectionString)
    {
        await using DbConnection connection = provider == DatabaseProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var rows = await QueryAsync(connection, provider == DatabaseProvider.Sqlite
            ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid"
            : "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position");
        return rows.Select(r => r.Split(" | ")).GroupBy(r => r[0], r => r[1]).ToDictionary(g => g.Key, g => g.ToList());
    }

    private static async Task<List<string>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Format(reader.GetValue(i)))));
        }
        return rows;
    }

    private static string Format(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime instant => instant.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
