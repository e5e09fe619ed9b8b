using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>
/// The frame of every InvoiceHub job: records the run in <c>JobRuns</c> (started, outcome, counts, failure
/// messages) around <see cref="RunAsync"/>. A job's work must be idempotent per step through stored keys,
/// because Quartz runs a job again after a node dies in the middle of it (jobs request recovery).
/// </summary>
public abstract class InvoiceHubJob(IDbContextFactory<InvoiceHubDbContext> dbFactory, TimeProvider clock, ILogger logger) : IJob
{
    public const string RequestIdKey = "invoicehub.requestId";

    protected abstract string Name { get; }

    protected abstract Task<JobResult> RunAsync(CancellationToken cancellationToken);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestId = context.MergedJobDataMap.TryGetValue(RequestIdKey, out var value) ? value as string : null;
        var run = new JobRun(Name, requestId, context.Scheduler.SchedulerInstanceId, clock.GetUtcNow(), requestId is null ? context.ScheduledFireTimeUtc : null);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        string outcome;
        JobResult result;
        try
        {
            result = await RunAsync(cancellationToken);
            outcome = JobOutcome.Succeeded;
            if (result.Failures.Count > 0)
            {
                logger.LogWarning("Job {Job}: {Processed} done, {Failures} failed: {First}", Name, result.Processed, result.Failures.Count, result.Failures[0]);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the run stays "running" and the work is idempotent; the next run (or a recovering node) finishes it.
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed", Name);
            result = new JobResult(0, [ex.Message], "The run stopped with an error.");
            outcome = JobOutcome.Failed;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            db.Attach(run);
            run.Finish(outcome, result, clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}
