using Hangfire;
using Hangfire.Storage;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>A job as the jobs page and API show it.</summary>
public sealed record JobStatusView(
    string Name,
    string Title,
    string Description,
    string Cron,
    bool CustomSchedule,
    DateTimeOffset? LastRunAt,
    DateTimeOffset? NextRunAt,
    string? LastOutcome,
    int LastProcessed,
    int LastFailures,
    string? LastMessage,
    IReadOnlyList<JobRunView> RecentRuns);

public sealed record JobRunView(DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Outcome, int Processed, int Failures, string? Message, string Node);

public sealed class JobNotFoundException(string name) : Exception($"There is no job named '{name}'. The jobs are {string.Join(", ", JobCatalog.All.Select(j => j.Name))}.");

/// <summary>
/// Keeps each job's Hangfire recurring job on its schedule (an Admin's edit, else configuration, else the default;
/// every node applies them once the app has started, and an edit is applied to the storage all nodes share) and
/// answers the jobs page and API from Hangfire's storage and the JobRuns records: status, Run now (waits for the
/// run, whichever node takes it), schedule changes.
/// </summary>
public sealed class JobsService(
    IRecurringJobManager recurringJobs,
    IBackgroundJobClient backgroundJobs,
    JobStorage storage,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    JobsOptions options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<JobsService> logger)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Problems with the configuration that stop a job from doing its work, shown on the jobs page.</summary>
    public IReadOnlyList<string> ConfigurationProblems()
    {
        var problems = new List<string>();
        if (!options.Enabled)
        {
            problems.Add(AdminText.JobsOffHere);
        }
        if (string.IsNullOrWhiteSpace(options.Smtp.Host) && !environment.IsDevelopment())
        {
            problems.Add(AdminText.SmtpHostEmpty);
        }
        if (options.Address?.ConfiguredPublicBaseUri is null && !environment.IsDevelopment())
        {
            problems.Add(AdminText.PublicBaseUrlEmpty);
        }
        return problems;
    }

    /// <summary>Brings the recurring jobs in line with the schedules. Called once on every node, after start-up.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var job in JobCatalog.All)
            {
                ApplySchedule(job.Name, await CronOfAsync(job, cancellationToken));
            }
            _ready.TrySetResult();
            logger.LogInformation("Job schedules applied");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The job schedules were not applied");
            _ready.TrySetException(ex);
        }
    }

    private async Task ReadyAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            throw new InvalidOperationException("The job server is off on this node (Jobs:Enabled is false).");
        }
        await _ready.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
    }

    private async Task<string> CronOfAsync(JobDefinition job, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var custom = await db.Set<JobSchedule>().AsNoTracking().SingleOrDefaultAsync(s => s.JobName == job.Name, cancellationToken);
        return JobCron.FromStored(custom?.Cron ?? ConfiguredCron(job));
    }

    private string ConfiguredCron(JobDefinition job) =>
        options.Schedules.TryGetValue(job.Name, out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured : job.DefaultCron;

    /// <summary>Hangfire checks the cron here and refuses one it cannot read.</summary>
    private void ApplySchedule(string jobName, string cron) =>
        recurringJobs.AddOrUpdate<JobRunner>(jobName, r => r.RunAsync(jobName, null, null, CancellationToken.None), cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });

    /// <summary>Changes a job's schedule for every node: stored in the database, applied to the shared recurring job.</summary>
    public async Task ChangeScheduleAsync(string name, JobSchedulePlan plan, string changedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var job = JobCatalog.Find(name) ?? throw new JobNotFoundException(name);
        if (plan.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(plan));
        }
        await ReadyAsync(cancellationToken);
        var cron = plan.ToCron();
        // Applied first: a cron Hangfire refuses is never stored.
        ApplySchedule(job.Name, cron);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var row = await db.Set<JobSchedule>().SingleOrDefaultAsync(s => s.JobName == job.Name, cancellationToken);
            if (row is null)
            {
                db.Add(new JobSchedule(job.Name, cron, changedBy, clock.GetUtcNow()));
            }
            else
            {
                row.Change(cron, changedBy, clock.GetUtcNow());
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        logger.LogInformation("Schedule of {Job} changed to {Cron} by {User}", job.Name, cron, changedBy);
    }

    /// <summary>Runs the job now and waits until the run has finished, on whichever node takes it.</summary>
    public async Task<JobRunView> RunNowAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var job = JobCatalog.Find(name) ?? throw new JobNotFoundException(name);
        await ReadyAsync(cancellationToken);
        var requestId = Guid.NewGuid().ToString("N");
        backgroundJobs.Enqueue<JobRunner>(r => r.RunAsync(job.Name, requestId, null, CancellationToken.None));

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        var delay = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            await using (var db = await dbFactory.CreateDbContextAsync(limit.Token))
            {
                var run = await db.Set<JobRun>().AsNoTracking()
                    .Where(r => r.RequestId == requestId && r.FinishedAt != null)
                    .FirstOrDefaultAsync(limit.Token);
                if (run is not null)
                {
                    return ToView(run);
                }
            }
            // The run may happen on another node, so the database is the place to look; poll it with a growing pause.
            await Task.Delay(delay, limit.Token);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    public async Task<IReadOnlyList<JobStatusView>> ListAsync(int recentRuns = 0, CancellationToken cancellationToken = default)
    {
        Dictionary<string, RecurringJobDto> recurring;
        using (var connection = storage.GetConnection())
        {
            recurring = connection.GetRecurringJobs(JobCatalog.All.Select(j => j.Name).ToList())
                .Where(r => !r.Removed).ToDictionary(r => r.Id, StringComparer.Ordinal);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customs = await db.Set<JobSchedule>().AsNoTracking().ToDictionaryAsync(s => s.JobName, cancellationToken);
        var result = new List<JobStatusView>();
        foreach (var job in JobCatalog.All)
        {
            var runs = await db.Set<JobRun>().AsNoTracking()
                .Where(r => r.JobName == job.Name)
                .OrderByDescending(r => r.Id)
                .Take(Math.Max(recentRuns, 1))
                .ToListAsync(cancellationToken);
            var last = runs.FirstOrDefault();
            var stored = customs.TryGetValue(job.Name, out var custom) ? JobCron.FromStored(custom.Cron) : JobCron.FromStored(ConfiguredCron(job));
            recurring.TryGetValue(job.Name, out var scheduled);
            DateTimeOffset? next = scheduled?.NextExecution is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
            result.Add(new JobStatusView(job.Name, job.Title, job.Description, scheduled?.Cron ?? stored, custom is not null,
                last?.StartedAt, next, last?.Outcome, last?.Processed ?? 0, last?.Failures ?? 0, last?.Message,
                recentRuns == 0 ? [] : runs.Select(ToView).ToList()));
        }
        return result;
    }

    private static JobRunView ToView(JobRun run) =>
        new(run.StartedAt, run.FinishedAt, run.Outcome, run.Processed, run.Failures, run.Message, run.Node);
}

/// <summary>Applies the schedules in the background once the app has started: jobs never hold up the first request.</summary>
internal sealed class JobsStarter(JobsService jobs, JobsOptions options, IHostApplicationLifetime lifetime) : IHostedService
{
    // Never disposed: it has no timer, and a host may call StopAsync after disposing its services (a test
    // factory stops the server, then disposes the host), which must not throw.
    private readonly CancellationTokenSource _stopping = new();

    private Task _starting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Enabled)
        {
            lifetime.ApplicationStarted.Register(() => _starting = Task.Run(() => jobs.StartAsync(_stopping.Token)));
        }
        return Task.CompletedTask;
    }

    /// <summary>Waits for a start still under way, so that nothing writes to the storage after the host has let it go.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
