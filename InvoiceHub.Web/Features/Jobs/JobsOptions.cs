namespace InvoiceHub.Web.Features.Jobs;

/// <summary>Bound from the <c>Jobs</c> section: whether this node runs a job server, schedules, reconciliation age, SMTP.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire job server in this process. Off for a node that only serves pages.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Hangfire cron expressions (UTC; five fields, or six with seconds first) by job name; an Admin's edit on the jobs
    /// page wins over these. Quartz's syntax from older configurations is read too (<see cref="JobCron.FromStored"/>).
    /// </summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How old an Open/Pending Mollie payment must be before reconciliation fetches it again.</summary>
    public TimeSpan ReconciliationAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The address people open the app at, as configured (<c>Jobs:PublicBaseUrl</c>); null leaves it to <see cref="Address"/>.</summary>
    [ConfigurationKeyName(nameof(PublicBaseUrl))]
    public string? ConfiguredPublicBaseUrl { get; set; }

    /// <summary>
    /// The address people open the app at; links in emails start with it. The configured one, else
    /// <see cref="Infrastructure.AppAddress"/>'s answer (in Development the address the server really listens on,
    /// elsewhere a configuration error). Computed, never bound: the binder reads it, so it cannot throw before
    /// <see cref="Address"/> is set.
    /// </summary>
    public string PublicBaseUrl => ConfiguredPublicBaseUrl is { Length: > 0 } configured ? configured : Address?.PublicBaseUri.ToString() ?? "";

    /// <summary>Set by the registration, not bound.</summary>
    internal Infrastructure.AppAddress? Address { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP server the email-delivery job hands the outbox to.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "InvoiceHub <billing@invoicehub.test>";
    public bool UseSsl { get; set; }
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
