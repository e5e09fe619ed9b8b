using System.Text.RegularExpressions;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// Each provider's migration set (docs/decisions/0019) checked without a database: its snapshot matches the model, and
/// SQL Server's idempotent script, which no machine here can run, creates everything the model has.
/// </summary>
public sealed class ProviderMigrationsTests
{
    // Never opened: comparing models and generating scripts need no connection.
    private static readonly Dictionary<DatabaseProvider, string> Connections = new()
    {
        [DatabaseProvider.Sqlite] = "Data Source=never-opened.db",
        [DatabaseProvider.Postgres] = "Host=never-opened.invalid;Database=invoicehub",
        [DatabaseProvider.SqlServer] = "Server=never-opened.invalid;Database=InvoiceHub;TrustServerCertificate=true",
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Each_provider_has_its_own_migrations_and_no_pending_model_changes(DatabaseProvider provider)
    {
        using var db = MigrationsContext(provider);

        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.All(migrations, id => Assert.DoesNotContain(Web.Data.Migrations.HandWrittenHistory.LastMigrationId, id));
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations lag behind the model: run scripts/add-migration.sh.");
    }

    [Fact]
    public void The_SQL_Server_idempotent_script_creates_every_table_column_key_index_and_foreign_key_of_the_model()
    {
        using var db = MigrationsContext(DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        // Filtered indexes are created through EXEC(N'…') in an idempotent script, with their quotes doubled.
        var sql = script.Replace("''", "'", StringComparison.Ordinal);
        var missing = new List<string>();
        void Expect(string what, string pattern)
        {
            if (!Regex.IsMatch(sql, pattern))
            {
                missing.Add(what);
            }
        }

        foreach (var id in db.Database.GetMigrations())
        {
            Expect($"guard of {id}", $@"IF NOT EXISTS\s*\(\s*SELECT \* FROM \[__EFMigrationsHistory\]\s*WHERE \[MigrationId\] = N'{id}'\s*\)");
        }
        var tables = db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.ToList();
        Assert.True(tables.Count > 20, $"The model has only {tables.Count} tables.");
        foreach (var table in tables)
        {
            var created = Regex.Match(sql, $@"CREATE TABLE \[{Regex.Escape(table.Name)}\] \((?<body>.*?)\n\s*\);", RegexOptions.Singleline);
            if (!created.Success)
            {
                missing.Add($"table {table.Name}");
                continue;
            }
            var body = created.Groups["body"].Value;
            foreach (var column in table.Columns)
            {
                var nullability = column.IsNullable ? "NULL" : "NOT NULL";
                var definition = $@"\[{Regex.Escape(column.Name)}\] {Regex.Escape(column.StoreType)} {nullability}( IDENTITY)?( DEFAULT [^,\n;]+)?";
                // Created with its table, or added by a later migration.
                if (!Regex.IsMatch(body, definition + @",?\r?\n") && !Regex.IsMatch(sql, $@"ALTER TABLE \[{Regex.Escape(table.Name)}\] ADD {definition};"))
                {
                    missing.Add($"column {table.Name}.{column.Name} {column.StoreType} {nullability}");
                }
            }
            if (table.PrimaryKey is { } key)
            {
                Expect($"primary key {key.Name}", $@"CONSTRAINT \[{Regex.Escape(key.Name)}\] PRIMARY KEY \({Columns(key.Columns)}\)");
            }
            foreach (var unique in table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()))
            {
                Expect($"unique constraint {unique.Name}", $@"CONSTRAINT \[{Regex.Escape(unique.Name)}\] UNIQUE \({Columns(unique.Columns)}\)");
            }
            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                Expect($"foreign key {foreignKey.Name}",
                    $@"CONSTRAINT \[{Regex.Escape(foreignKey.Name)}\] FOREIGN KEY \({Columns(foreignKey.Columns)}\) REFERENCES \[{Regex.Escape(foreignKey.PrincipalTable.Name)}\] \({Columns(foreignKey.PrincipalColumns)}\)" +
                    (foreignKey.OnDeleteAction == ReferentialAction.Cascade ? " ON DELETE CASCADE" : ""));
            }
            foreach (var index in table.Indexes)
            {
                var filter = index.Filter is { } condition ? $@" WHERE {Regex.Escape(condition)}" : "";
                Expect($"index {index.Name}",
                    $@"CREATE {(index.IsUnique ? "UNIQUE " : "")}INDEX \[{Regex.Escape(index.Name)}\] ON \[{Regex.Escape(table.Name)}\] \({Columns(index.Columns)}\){filter}");
            }
        }

        Assert.True(missing.Count == 0, "The SQL Server script lacks:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void SQL_Server_keeps_one_open_online_payment_per_document_with_filtered_unique_indexes_that_skip_NULLs()
    {
        using var db = MigrationsContext(DatabaseProvider.SqlServer);
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var indexes = model.Tables.SelectMany(t => t.Indexes).ToDictionary(i => i.Name);

        Assert.True(indexes["IX_PaymentDocuments_OneOpenPerDocument"].IsUnique);
        Assert.Equal("[Open] = 1", indexes["IX_PaymentDocuments_OneOpenPerDocument"].Filter);
        Assert.True(indexes["IX_Payments_OneOpenOnlinePerInvoice"].IsUnique);
        // SQL Server's unique indexes count NULLs as equal: without IS NOT NULL, two credit requests' open payments
        // (no invoice) would collide on the per-invoice index.
        Assert.Equal(PaymentConfiguration.OpenOnlineFilter + " AND [InvoiceId] IS NOT NULL", indexes["IX_Payments_OneOpenOnlinePerInvoice"].Filter);
        Assert.Equal(PaymentConfiguration.OpenOnlineFilter + " AND [CreditRequestId] IS NOT NULL", indexes["IX_Payments_OneOpenOnlinePerCreditRequest"].Filter);
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => $@"\[{Regex.Escape(c.Name)}\]"));

    private static InvoiceHubDbContext MigrationsContext(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
        DatabaseRegistration.Configure(options, provider, Connections[provider]);
        return DatabaseRegistration.DialectFor(provider).CreateMigrationsContext(options.Options);
    }
}
