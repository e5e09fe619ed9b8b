using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>
/// The jobs page's words for each job and outcome in the reader's language; the API keeps <see cref="JobCatalog"/>'s
/// English titles and descriptions and the stored outcomes.
/// </summary>
public static class JobTexts
{
    public static string Title(JobStatusView job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Name switch
        {
            JobCatalog.AutoCharge => AdminText.AutoCharge,
            JobCatalog.Reminders => AdminText.JobReminders,
            JobCatalog.EmailDelivery => AdminText.JobEmailDelivery,
            JobCatalog.Reconciliation => AdminText.JobReconciliation,
            _ => job.Title,
        };
    }

    public static string Description(JobStatusView job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Name switch
        {
            JobCatalog.AutoCharge => AdminText.JobAutoChargeText,
            JobCatalog.Reminders => AdminText.JobRemindersText,
            JobCatalog.EmailDelivery => AdminText.JobEmailDeliveryText,
            JobCatalog.Reconciliation => AdminText.JobReconciliationText,
            _ => job.Description,
        };
    }

    /// <summary>A run's outcome ("Running", "Succeeded", "Failed").</summary>
    public static string Outcome(string? outcome) => outcome switch
    {
        JobOutcome.Running => AdminText.OutcomeRunning,
        JobOutcome.Succeeded => AdminText.OutcomeSucceeded,
        JobOutcome.Failed => AdminText.OutcomeFailed,
        _ => outcome ?? "",
    };

    public static string Kind(ScheduleKind kind) => kind switch
    {
        ScheduleKind.EverySeconds => AdminText.KindEverySeconds,
        ScheduleKind.EveryMinutes => AdminText.KindEveryMinutes,
        ScheduleKind.Hourly => AdminText.KindHourly,
        ScheduleKind.Daily => AdminText.KindDaily,
        ScheduleKind.Weekdays => AdminText.KindWeekdays,
        ScheduleKind.Weekly => AdminText.KindWeekly,
        _ => AdminText.KindCustom,
    };
}
