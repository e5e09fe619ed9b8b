using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

/// <summary>
/// Helpers of the hand-written migrations (docs/decisions/0003), kept with them: since decision 0019 they only build
/// databases the old way for <c>HandWrittenMigrationsUpgradeTests</c>.
/// Columns without an explicit type get the provider's default mapping for their CLR type; the few
/// whose mapping the model changes per provider are typed here.
/// </summary>
internal static class MigrationColumns
{
    public const string SqliteAutoincrement = "Sqlite:Autoincrement";
    public const string NpgsqlValueGeneration = "Npgsql:ValueGenerationStrategy";
    /// <summary>NpgsqlValueGenerationStrategy.IdentityByDefaultColumn, as the annotation value Npgsql expects.</summary>
    public static readonly object NpgsqlIdentityByDefault = Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn;

    public static bool IsSqlite(this MigrationBuilder builder) =>
        builder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>DateTimeOffset is stored as ticks on SQLite (so it sorts and compares) and as timestamptz on PostgreSQL.</summary>
    public static string InstantType(this MigrationBuilder builder) =>
        builder.IsSqlite() ? "INTEGER" : "timestamp with time zone";
}
