using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using InvoiceHub.Web.Data;
using Microsoft.Data.Sqlite;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>
/// Hangfire in the web process (docs/decisions/0020): its storage follows <c>Database:Provider</c> (a SQLite file beside
/// the app's, PostgreSQL's <c>hangfire</c> schema, SQL Server's), one job server per node sharing that storage, the
/// recurring jobs, the jobs page, API and the Hangfire Dashboard.
/// </summary>
public static class JobsRegistration
{
    /// <summary>The schema (PostgreSQL, SQL Server) that holds Hangfire's tables, apart from the app's.</summary>
    public const string StorageSchema = "hangfire";

    public static WebApplicationBuilder AddInvoiceHubJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(provider =>
        {
            options.Address = provider.GetRequiredService<Infrastructure.AppAddress>();
            return options;
        });
        services.AddSingleton<JobsService>();
        services.AddSingleton<EmailDelivery.SmtpEmailSender>();
        services.AddSingleton<Reminders.DocumentLinks>();
        services.AddSingleton<AutoCharge.AutoChargeAttempts>();
        foreach (var job in JobCatalog.All)
        {
            services.AddSingleton(typeof(InvoiceHubJob), job.JobType);
        }
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobsNode>();

        var provider = DatabaseRegistration.ReadOptions(builder.Configuration).Provider;
        var connectionString = DatabaseRegistration.ResolveConnectionString(builder.Configuration, builder.Environment);
        services.AddSingleton(new JobsConnection(connectionString));

        // The storage and the activator are this app's own services, never Hangfire's process-wide JobStorage.Current
        // and JobActivator.Current: several apps share a process in the tests, each on its own database.
        services.AddSingleton(_ => CreateStorage(provider, connectionString));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HangfireLogs(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (options.Enabled)
        {
            services.AddHangfireServer((sp, server) =>
            {
                server.ServerName = sp.GetRequiredService<JobsNode>().Name;
                // One worker per job: a job waits for its own lock, never for a worker (each idle worker polls the queue).
                server.WorkerCount = JobCatalog.All.Count;
                // Recurring jobs fire to the second (email delivery runs every 30 s) and delayed ones without a 15 s lag.
                server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                server.ShutdownTimeout = TimeSpan.FromSeconds(10);
            });
        }
        // After Hangfire's server, so that it stops first and lets a start under way finish.
        services.AddHostedService<JobsStarter>();
        return builder;
    }

    private static JobStorage CreateStorage(DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                return new SQLiteStorage(StorageFileFor(connectionString), new SQLiteStorageOptions
                {
                    // This storage has no wake-up on enqueue: Run now waits for a poll (median 0.9 s at 1 s, 0.4 s at
                    // 500 ms, 0.2 s at 250 ms). Every idle worker reads one small table in its own file this often; an
                    // idle job server cost 8-15 % of a core here (RunNowLatencyTests, docs/decisions/0020).
                    QueuePollInterval = TimeSpan.FromMilliseconds(500),
                    // A killed process's job is handed out again after this; runs take seconds to a minute.
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                });
            case DatabaseProvider.Postgres:
                var postgres = new PostgreSqlStorageOptions
                {
                    SchemaName = StorageSchema,
                    PrepareSchemaIfNecessary = true,
                    // LISTEN/NOTIFY: a job enqueued on one node starts on any node without waiting for a poll.
                    EnableLongPolling = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // The fetched job's time is kept fresh while it runs; a dead node's job is handed out again after this.
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromMinutes(1),
                };
                return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, postgres), postgres);
            case DatabaseProvider.SqlServer:
                return new SqlServerStorage(connectionString, new SqlServerStorageOptions
                {
                    SchemaName = StorageSchema,
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    SlidingInvisibilityTimeout = TimeSpan.FromMinutes(1),
                });
            default:
                throw new InvalidOperationException($"No Hangfire storage for the database provider {provider}.");
        }
    }

    /// <summary>
    /// Hangfire's SQLite file beside the app's (<c>invoicehub.db</c> → <c>invoicehub.hangfire.db</c>): its polling and
    /// heartbeats never queue behind the app's writers for the one SQLite write lock (decision 0012).
    /// </summary>
    public static string StorageFileFor(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return path == ":memory:" ? ":memory:" : Path.ChangeExtension(path, ".hangfire" + Path.GetExtension(path));
    }
}
