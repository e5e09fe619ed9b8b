namespace InvoiceHub.Bench;

/// <summary>The entry point (a named class: the Web project's top-level Program is the app under test).</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var settings = BenchSettings.Parse(args);
        var log = Console.Out;
        var repository = RepositoryRoot();
        var results = new List<BenchResult>();
        var work = Path.Combine(Path.GetTempPath(), "invoicehub-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        log.WriteLine($"InvoiceHub bench ({(settings.Full ? "full" : "quick")}): {settings.Size}; {Report.Machine()}; {Report.Load()}");
        var loadBefore = Report.Load();
        try
        {
            results.AddRange(await BenchSuite.RunSqliteAsync(settings, Path.Combine(work, "bench.db"), log));
            if (settings.Postgres is { } pg)
            {
                try
                {
                    results.AddRange(await BenchSuite.RunPostgresAsync(settings, pg, log));
                }
                catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException or IOException)
                {
                    // The SQLite figures stand on their own; a PostgreSQL that cannot be started or reached is reported, not hidden.
                    log.WriteLine($"[Postgres] run failed: {e.Message}");
                    results.Add(BenchResult.NotMeasured("postgres_run", "", 0, false, e.Message.Split('\n')[0]));
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }

        var table = Report.Table(results);
        log.WriteLine();
        log.Write(table);
        var load = $"before: {loadBefore}; after: {Report.Load()}";
        log.WriteLine(load);
        await Report.WriteJsonAsync(Path.Combine(repository, "bench", "results", "latest.json"), results);
        if (settings.Full)
        {
            await Report.WritePerformanceDocAsync(Path.Combine(repository, "docs", "PERFORMANCE.md"), results, Report.Machine(), settings.Size.ToString(), load);
        }
        return 0;

    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "InvoiceHub.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Run the bench from inside the InvoiceHub repository.");
    }
}
