using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.CreditRequests;
using InvoiceHub.Web.Features.Shell;

namespace InvoiceHub.Tests.Features.CreditRequests;

/// <summary>The credit request status badges and the document timeline card, rendered with bunit.</summary>
public sealed class CreditRequestComponentTests : ComponentTestContext
{
    [Theory]
    [InlineData(CreditRequestStatus.Open, true, "text-bg-primary")]
    [InlineData(CreditRequestStatus.Paid, false, "text-bg-success")]
    [InlineData(CreditRequestStatus.Cancelled, false, "text-bg-secondary")]
    public void Status_badge_is_coloured_by_status_and_overdue_shows_only_when_asked(CreditRequestStatus status, bool overdue, string css)
    {
        var html = Render<CreditRequestStatusBadges>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.IsOverdue, overdue)).Markup;
        Assert.Contains($"class=\"badge {css}\" data-testid=\"credit-request-status\">{status}</span>", html, StringComparison.Ordinal);
        Assert.Equal(overdue, html.Contains("credit-request-overdue", StringComparison.Ordinal));
    }

    [Fact]
    public void Timeline_marks_emails_queued_sent_or_failed_and_encodes_their_text()
    {
        var at = new DateTimeOffset(2026, 11, 21, 10, 30, 0, TimeSpan.Zero);
        var html = Render<DocumentTimelineCard>(p => p
            .Add(x => x.Entries, new List<TimelineEntry>
            {
                new(at, "Email: reminder", "To a@example.test · <b>Due</b>", "failed"),
                new(at, "Email: payment request", null, "sent"),
                new(at, "Email: invoice sent (Send & Print)", null, "queued"),
                new(at, "Paid", null),
            })).Markup;
        Assert.Contains("badge text-bg-danger\" data-testid=\"timeline-email-status\">failed", html, StringComparison.Ordinal);
        Assert.Contains("badge text-bg-success\" data-testid=\"timeline-email-status\">sent", html, StringComparison.Ordinal);
        Assert.Contains("badge text-bg-secondary\" data-testid=\"timeline-email-status\">queued", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("timeline-email-status").Length - 1);
        Assert.Contains("&lt;b&gt;Due&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Equal(4, html.Split("data-testid=\"timeline-entry\"").Length - 1);
    }
}
