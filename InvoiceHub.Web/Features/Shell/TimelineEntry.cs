namespace InvoiceHub.Web.Features.Shell;

/// <summary>One moment in a document's life, as the timeline on its page shows it; <see cref="Status"/> marks emails (queued, sent, failed).</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Title, string? Detail, string? Status = null);
