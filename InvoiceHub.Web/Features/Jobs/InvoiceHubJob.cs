using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>Who asked for a run and where it runs: a Run now request (null for the schedule), the node, the schedule's fire time.</summary>
public sealed record JobRunStart(string? RequestId, string Node, DateTimeOffset? ScheduledFor);

/// <summary>
/// The frame of every InvoiceHub job: records the run in <c>JobRuns</c> (started, outcome, counts, failure
/// messages) around <see cref="RunAsync"/>. A job's work must be idempotent per step through stored keys,
/// because Hangfire runs a job again after a node dies in the middle of it (its queue hands the job out again).
/// </summary>
public abstract class InvoiceHubJob(IDbContextFactory<InvoiceHubDbContext> dbFactory, TimeProvider clock, ILogger logger)
{
    public abstract string Name { get; }

    protected abstract Task<JobResult> RunAsync(CancellationToken cancellationToken);

    public async Task ExecuteAsync(JobRunStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var run = new JobRun(Name, start.RequestId, start.Node, clock.GetUtcNow(), start.RequestId is null ? start.ScheduledFor : null);
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
            // Shutting down: the run stays "running" and the work is idempotent; Hangfire hands the job out again.
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
