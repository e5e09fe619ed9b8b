using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// A database schema read back from the database itself, as sorted one-line facts (tables, columns with type
/// and nullability, primary keys, indexes, foreign keys), so two schemas compare as sets and differ readably.
/// EF's own bookkeeping tables (migration history and lock) and SQLite's sequence table are left out.
/// </summary>
public sealed class SchemaSnapshot
{
    private static readonly HashSet<string> IgnoredTables = new(StringComparer.OrdinalIgnoreCase) { "__EFMigrationsHistory", "__EFMigrationsLock", "sqlite_sequence" };

    private SchemaSnapshot(IEnumerable<string> facts) => Facts = facts.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Facts { get; }

    /// <summary>The facts about every other table: e.g. without Quartz's <c>QRTZ_*</c>, which the scheduler creates outside the migrations.</summary>
    public SchemaSnapshot WithoutTables(string namePrefix) =>
        new(Facts.Where(f => !f.Contains(" " + namePrefix, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The facts only in <paramref name="actual"/> (+) and only in <paramref name="expected"/> (−), empty when equal.</summary>
    public static string Diff(SchemaSnapshot expected, string expectedName, SchemaSnapshot actual, string actualName)
    {
        var missing = expected.Facts.Except(actual.Facts).Select(f => $"  - {f}").ToList();
        var extra = actual.Facts.Except(expected.Facts).Select(f => $"  + {f}").ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return "";
        }
        return string.Join(Environment.NewLine,
            [$"Schema of {actualName} differs from {expectedName}.", $"Only in {expectedName} (-) / only in {actualName} (+):", .. missing, .. extra]);
    }

    /// <param name="connectionString">The database.</param>
    /// <param name="withDefaults">Also each column's DEFAULT: a migration may leave one the model does not have (EF writes every value).</param>
    public static async Task<SchemaSnapshot> ReadSqliteAsync(string connectionString, bool withDefaults = false)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var facts = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (table, sql) in tables.Where(t => !IgnoredTables.Contains(t.Name)))
        {
            facts.Add($"table {table}");
            var columns = await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info('{table}')",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) == 1, Pk: r.GetInt32(3), Default: r.IsDBNull(4) ? null : r.GetString(4)));
            facts.AddRange(columns.Select(c => $"column {table}.{c.Name} {c.Type.ToUpperInvariant()} {(c.NotNull ? "NOT NULL" : "NULL")}" +
                (withDefaults && c.Default is { } value ? $" DEFAULT {value}" : "")));
            var key = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            if (key.Count > 0)
            {
                var autoincrement = sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? " AUTOINCREMENT" : "";
                facts.Add($"primary key {table} ({string.Join(", ", key)}){autoincrement}");
            }

            var indexes = await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1, Origin: r.GetString(2)));
            // Indexes SQLite makes for a primary key are the key itself, reported above.
            foreach (var index in indexes.Where(i => i.Origin != "pk"))
            {
                var indexColumns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index.Name}') ORDER BY seqno", r => r.GetString(0));
                facts.Add($"index {table}.{index.Name} {(index.Unique ? "UNIQUE " : "")}({string.Join(", ", indexColumns)})");
            }

            var foreignKeys = await QueryAsync(connection, $"SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')",
                r => (Id: r.GetInt64(0), Seq: r.GetInt64(1), Target: r.GetString(2), From: r.GetString(3), To: r.GetString(4), OnDelete: r.GetString(5)));
            foreach (var fk in foreignKeys.GroupBy(f => f.Id))
            {
                var parts = fk.OrderBy(f => f.Seq).ToList();
                facts.Add($"foreign key {table} ({string.Join(", ", parts.Select(p => p.From))}) -> {parts[0].Target} ({string.Join(", ", parts.Select(p => p.To))}) ON DELETE {parts[0].OnDelete}");
            }
        }
        return new SchemaSnapshot(facts);
    }

    /// <inheritdoc cref="ReadSqliteAsync"/>
    public static async Task<SchemaSnapshot> ReadPostgresAsync(string connectionString, bool withDefaults = false)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var facts = new List<string>();

        var tables = await QueryAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", r => r.GetString(0));
        facts.AddRange(tables.Where(t => !IgnoredTables.Contains(t)).Select(t => $"table {t}"));

        var columns = await QueryAsync(connection, """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            """,
            r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetBoolean(3), Identity: r.GetChar(4), Default: r.IsDBNull(5) ? null : r.GetString(5)));
        facts.AddRange(columns.Where(c => !IgnoredTables.Contains(c.Table)).Select(c =>
            $"column {c.Table}.{c.Name} {c.Type} {(c.NotNull ? "NOT NULL" : "NULL")}" +
            c.Identity switch { 'a' => " GENERATED ALWAYS AS IDENTITY", 'd' => " GENERATED BY DEFAULT AS IDENTITY", _ => "" } +
            (withDefaults && c.Default is { } value ? $" DEFAULT {value}" : "")));

        var constraints = await QueryAsync(connection, """
            SELECT c.relname, k.conname, k.contype::text, pg_get_constraintdef(k.oid)
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND k.contype IN ('p', 'f', 'u', 'c')
            """,
            r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), Definition: r.GetString(3)));
        facts.AddRange(constraints.Where(k => !IgnoredTables.Contains(k.Table)).Select(k =>
            $"{k.Type switch { "p" => "primary key", "f" => "foreign key", "u" => "unique", _ => "check" }} {k.Table}.{k.Name} {k.Definition}"));

        // Indexes backing a primary key or unique constraint are listed above as that constraint.
        var indexes = await QueryAsync(connection, """
            SELECT i.tablename, i.indexname, i.indexdef
            FROM pg_indexes i
            WHERE i.schemaname = 'public'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname AND k.contype IN ('p', 'u'))
            """,
            r => (Table: r.GetString(0), Name: r.GetString(1), Definition: r.GetString(2)));
        facts.AddRange(indexes.Where(i => !IgnoredTables.Contains(i.Table)).Select(i => $"index {i.Table}.{i.Name} {i.Definition}"));
        return new SchemaSnapshot(facts);
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public override string ToString() => string.Join(Environment.NewLine, Facts.Select(f => string.Create(CultureInfo.InvariantCulture, $"  {f}")));
}
