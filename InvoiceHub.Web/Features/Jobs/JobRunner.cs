using System.ComponentModel;
using Hangfire;
using Hangfire.Server;
using InvoiceHub.Web.Data.Dialects;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>This process's name among the job servers sharing the storage: Hangfire's server name and <see cref="JobRun.Node"/>.</summary>
public sealed class JobsNode
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>
/// What Hangfire runs, for the schedule and for Run now alike: one job of <see cref="JobCatalog"/> by name, under a lock
/// of its own so that it never runs twice at once, on any node. The lock is the database's (<see cref="DatabaseDialect.HoldLockAsync"/>),
/// not Hangfire's storage lock: that one outlives a killed node until it times out (docs/decisions/0020).
/// </summary>
public sealed class JobRunner(IEnumerable<InvoiceHubJob> jobs, DatabaseDialect dialect, JobsConnection connection, JobsNode node)
{
    /// <summary>Hangfire's "Time" job parameter: the occurrence of the recurring job this background job was created for.</summary>
    private const string ScheduledTimeParameter = "Time";

    // Every job keeps its own retry rules (auto-charge after 1, 3 and 7 days, email delivery with backoff) and runs
    // on its schedule again anyway: a failed run is recorded in JobRuns, never repeated by Hangfire.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisplayName("{0}")]
    public async Task RunAsync(string jobName, string? requestId, PerformContext? context, CancellationToken cancellationToken)
    {
        var job = jobs.FirstOrDefault(j => j.Name == jobName) ?? throw new JobNotFoundException(jobName);
        DateTimeOffset? scheduledFor = requestId is null && context?.GetJobParameter<long?>(ScheduledTimeParameter) is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        await using var held = await dialect.HoldLockAsync(connection.ConnectionString, "invoicehub-job:" + jobName, cancellationToken);
        await job.ExecuteAsync(new JobRunStart(requestId, node.Name, scheduledFor), cancellationToken);
    }
}

/// <summary>The app database's connection string, resolved once, for the jobs' run locks.</summary>
public sealed record JobsConnection(string ConnectionString);
