using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Features.Jobs;

public static class JobOutcome
{
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}

/// <summary>
/// One run of a job on one node: when, the outcome, how many items it handled and failed, and the failures'
/// messages. Written by <see cref="InvoiceHubJob"/>; read by the jobs page and API. Every node writes here,
/// so a cluster has one history.
/// </summary>
public sealed class JobRun
{
    public const int MaxMessageLength = 4000;

    private JobRun()
    {
    }

    public JobRun(string jobName, string? requestId, string node, DateTimeOffset startedAt, DateTimeOffset? scheduledFor = null)
    {
        ScheduledFor = scheduledFor;
        JobName = jobName;
        RequestId = requestId;
        Node = node.Length > 100 ? node[..100] : node;
        StartedAt = startedAt;
        Outcome = JobOutcome.Running;
    }

    public long Id { get; private set; }
    public string JobName { get; private set; } = "";
    /// <summary>Set when somebody asked for the run (Run now), so the asker can wait for it, whichever node runs it.</summary>
    public string? RequestId { get; private set; }
    public string Node { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    /// <summary>The schedule's fire time this run is for (null for Run now): in a cluster each appears once.</summary>
    public DateTimeOffset? ScheduledFor { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string Outcome { get; private set; } = "";
    public int Processed { get; private set; }
    public int Failures { get; private set; }
    public string? Message { get; private set; }

    public void Finish(string outcome, JobResult result, DateTimeOffset now)
    {
        Outcome = outcome;
        FinishedAt = now;
        Processed = result.Processed;
        Failures = result.Failures.Count;
        var message = result.Failures.Count == 0 ? result.Summary : string.Join(Environment.NewLine, [result.Summary, .. result.Failures]);
        Message = message is { Length: > MaxMessageLength } ? message[..MaxMessageLength] : message;
    }
}

/// <summary>An Admin's schedule for a job, kept in the app's database so that it survives restarts and reaches every node.</summary>
public sealed class JobSchedule
{
    private JobSchedule()
    {
    }

    public JobSchedule(string jobName, string cron, string changedBy, DateTimeOffset now)
    {
        JobName = jobName;
        Change(cron, changedBy, now);
    }

    public string JobName { get; private set; } = "";
    public string Cron { get; private set; } = "";
    public string ChangedBy { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }

    public void Change(string cron, string changedBy, DateTimeOffset now)
    {
        Cron = cron;
        ChangedBy = changedBy.Length > 256 ? changedBy[..256] : changedBy;
        ChangedAt = now;
    }
}

/// <summary>What a run did: items handled, one line per failed item, a one-line summary.</summary>
public sealed record JobResult(int Processed, IReadOnlyList<string> Failures, string? Summary = null)
{
    public static JobResult Nothing(string summary) => new(0, [], summary);
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.Property(r => r.JobName).HasMaxLength(40);
        builder.Property(r => r.RequestId).HasMaxLength(40);
        builder.Property(r => r.Node).HasMaxLength(100);
        builder.Property(r => r.Outcome).HasMaxLength(20);
        builder.Property(r => r.Message).HasMaxLength(JobRun.MaxMessageLength);
        builder.HasIndex(r => new { r.JobName, r.StartedAt });
        builder.HasIndex(r => r.RequestId);
    }
}

internal sealed class JobScheduleConfiguration : IEntityTypeConfiguration<JobSchedule>
{
    public void Configure(EntityTypeBuilder<JobSchedule> builder)
    {
        builder.ToTable("JobSchedules");
        builder.HasKey(s => s.JobName);
        builder.Property(s => s.JobName).HasMaxLength(40);
        builder.Property(s => s.Cron).HasMaxLength(120);
        builder.Property(s => s.ChangedBy).HasMaxLength(256);
    }
}
