namespace InvoiceHub.Web.Features.Jobs;

/// <summary>One recurring job: its API name, what it does, the type that runs it, its default schedule (Hangfire cron, UTC).</summary>
public sealed record JobDefinition(string Name, string Title, string Description, Type JobType, string DefaultCron);

/// <summary>The four recurring jobs (SPEC.md ▸ Background jobs); their names are the API's and Hangfire's recurring job ids.</summary>
public static class JobCatalog
{
    public const string AutoCharge = "auto-charge";
    public const string Reminders = "reminders";
    public const string EmailDelivery = "email-delivery";
    public const string Reconciliation = "reconciliation";

    public static IReadOnlyList<JobDefinition> All { get; } =
    [
        new(AutoCharge, "Auto-charge", "Charges saved mandates for open credit requests (and invoices, if the settings say so); retries failed charges after 1, 3 and 7 days, then tells the client and Finance.", typeof(AutoCharge.AutoChargeJob), "0 6 * * *"),
        new(Reminders, "Reminders", "Emails a reminder per document per step of the reminder schedule, never twice.", typeof(Reminders.ReminderJob), "0 8 * * *"),
        new(EmailDelivery, "Email delivery", "Delivers the outbox over SMTP with retries and backoff.", typeof(EmailDelivery.EmailDeliveryJob), "*/30 * * * * *"),
        new(Reconciliation, "Reconciliation", "Fetches Mollie payments still open or pending after a while again, so a lost webhook never leaves a document unpaid.", typeof(Reconciliation.ReconciliationJob), "*/15 * * * *"),
    ];

    public static JobDefinition? Find(string name) => All.FirstOrDefault(j => j.Name == name);
}
