using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

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
/// Starts the Quartz scheduler once the app has started (so jobs never delay start-up), keeps each job's
/// trigger on its schedule (an Admin's edit, else configuration, else the default), and answers the jobs
/// page and API: status, Run now (waits for the run, whichever node takes it), schedule changes.
/// </summary>
public sealed class JobsService(
    ISchedulerFactory schedulerFactory,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    JobsOptions options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<JobsService> logger)
{
    private readonly TaskCompletionSource<IScheduler> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Problems with the configuration that stop a job from doing its work, shown on the jobs page.</summary>
    public IReadOnlyList<string> ConfigurationProblems()
    {
        var problems = new List<string>();
        if (!options.Enabled)
        {
            problems.Add("The scheduler is off on this node (Jobs:Enabled is false).");
        }
        if (string.IsNullOrWhiteSpace(options.Smtp.Host) && !environment.IsDevelopment())
        {
            problems.Add("Jobs:Smtp:Host is empty: email-delivery cannot send anything until an SMTP server is configured.");
        }
        if (options.Address?.ConfiguredPublicBaseUri is null && !environment.IsDevelopment())
        {
            problems.Add("PaymentLinks:PublicBaseUrl is empty: reminders and auto-charge cannot build payment links or webhook URLs until the app's public address is configured.");
        }
        return problems;
    }

    /// <summary>Starts the scheduler and brings the triggers in line with the schedules. Called once, after start-up.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
            await scheduler.Start(cancellationToken);
            foreach (var job in JobCatalog.All)
            {
                await ApplyScheduleAsync(scheduler, job.Name, await CronOfAsync(job, cancellationToken), cancellationToken);
            }
            _ready.TrySetResult(scheduler);
            logger.LogInformation("Job scheduler {Instance} started", scheduler.SchedulerInstanceId);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The job scheduler did not start");
            _ready.TrySetException(ex);
        }
    }

    private async Task<IScheduler> SchedulerAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            throw new InvalidOperationException("The scheduler is off on this node (Jobs:Enabled is false).");
        }
        return await _ready.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
    }

    private async Task<string> CronOfAsync(JobDefinition job, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var custom = await db.Set<JobSchedule>().AsNoTracking().SingleOrDefaultAsync(s => s.JobName == job.Name, cancellationToken);
        return custom?.Cron ?? (options.Schedules.TryGetValue(job.Name, out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured : job.DefaultCron);
    }

    private static async Task ApplyScheduleAsync(IScheduler scheduler, string jobName, string cron, CancellationToken cancellationToken)
    {
        var key = new TriggerKey(JobCatalog.TriggerName(jobName));
        var existing = await scheduler.GetTrigger(key, cancellationToken);
        if (existing is ICronTrigger current && current.CronExpressionString == cron)
        {
            return;
        }
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(new JobKey(jobName))
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        if (existing is null)
        {
            try
            {
                await scheduler.ScheduleJob(trigger, default, cancellationToken);
                return;
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node of the cluster scheduled it in the meantime; replace it with ours below.
            }
        }
        await scheduler.RescheduleJob(key, trigger, cancellationToken);
    }

    public static bool IsValidCron(string? cron, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(cron) || !CronExpression.TryParse(cron.Trim(), out var expression))
        {
            error = "Write a Quartz cron expression: seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 8 * * ?\" for 08:00 UTC every day.";
            return false;
        }
        if (expression.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null)
        {
            error = "That schedule never fires again.";
            return false;
        }
        return true;
    }

    /// <summary>Changes a job's schedule for every node: stored in the database, applied to the shared trigger.</summary>
    public async Task ChangeScheduleAsync(string name, string cron, string changedBy, CancellationToken cancellationToken = default)
    {
        var job = JobCatalog.Find(name) ?? throw new JobNotFoundException(name);
        if (!IsValidCron(cron, out var error))
        {
            throw new ArgumentException(error, nameof(cron));
        }
        cron = cron.Trim();
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
        await ApplyScheduleAsync(await SchedulerAsync(cancellationToken), job.Name, cron, cancellationToken);
        logger.LogInformation("Schedule of {Job} changed to {Cron} by {User}", job.Name, cron, changedBy);
    }

    /// <summary>Runs the job now and waits until the run has finished, on whichever node of the cluster takes it.</summary>
    public async Task<JobRunView> RunNowAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var job = JobCatalog.Find(name) ?? throw new JobNotFoundException(name);
        var scheduler = await SchedulerAsync(cancellationToken);
        var requestId = Guid.NewGuid().ToString("N");
        await scheduler.TriggerJob(new JobKey(job.Name), new JobDataMap { [InvoiceHubJob.RequestIdKey] = requestId }, cancellationToken);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        var delay = TimeSpan.FromMilliseconds(50);
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
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public async Task<IReadOnlyList<JobStatusView>> ListAsync(int recentRuns = 0, CancellationToken cancellationToken = default)
    {
        IScheduler? scheduler = _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;
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
            DateTimeOffset? next = null;
            var cron = customs.TryGetValue(job.Name, out var custom) ? custom.Cron
                : options.Schedules.TryGetValue(job.Name, out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured : job.DefaultCron;
            if (scheduler is not null && await scheduler.GetTrigger(new TriggerKey(JobCatalog.TriggerName(job.Name)), cancellationToken) is { } trigger)
            {
                next = trigger.NextFireTimeUtc;
                if (trigger is ICronTrigger cronTrigger)
                {
                    cron = cronTrigger.CronExpressionString ?? cron;
                }
            }
            result.Add(new JobStatusView(job.Name, job.Title, job.Description, cron, custom is not null,
                last?.StartedAt, next, last?.Outcome, last?.Processed ?? 0, last?.Failures ?? 0, last?.Message,
                recentRuns == 0 ? [] : runs.Select(ToView).ToList()));
        }
        return result;
    }

    private static JobRunView ToView(JobRun run) =>
        new(run.StartedAt, run.FinishedAt, run.Outcome, run.Processed, run.Failures, run.Message, run.Node);
}

/// <summary>Starts the scheduler in the background once the app has started: jobs never hold up the first request.</summary>
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

    /// <summary>
    /// Waits for a start still under way: this service stops before Quartz's (it is registered after it), and
    /// Quartz's clustered store fails to shut down a scheduler that is halfway through starting.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
