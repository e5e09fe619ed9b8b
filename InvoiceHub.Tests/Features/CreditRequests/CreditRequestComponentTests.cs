using Bunit;
using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.CreditRequests;
using InvoiceHub.Web.Features.Shell;

namespace InvoiceHub.Tests.Features.CreditRequests;

/// <summary>The credit request status chips, the document timeline card and the client card, rendered with bunit.</summary>
public sealed class CreditRequestComponentTests : ComponentTestContext
{
    [Theory]
    [InlineData(CreditRequestStatus.Open, true, "active", "mud-chip-color-primary")]
    [InlineData(CreditRequestStatus.Paid, false, "done", "mud-chip-color-success")]
    [InlineData(CreditRequestStatus.Cancelled, false, "neutral", "mud-chip-color-default")]
    public void Status_chip_is_coloured_by_status_and_overdue_shows_only_when_asked(CreditRequestStatus status, bool overdue, string look, string colour)
    {
        var cut = Render<CreditRequestStatusBadges>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.IsOverdue, overdue));

        var chip = cut.Find("[data-testid=credit-request-status]");
        Assert.Equal(status.ToString(), chip.TextContent.Trim());
        Assert.Equal(look, chip.GetAttribute("data-status"));
        Assert.Contains(colour, chip.ClassList);
        Assert.Equal(overdue ? 1 : 0, cut.FindAll("[data-testid=credit-request-overdue]").Count);
    }

    [Fact]
    public void Timeline_marks_emails_queued_sent_or_failed_and_encodes_their_text()
    {
        var at = new DateTimeOffset(2026, 11, 21, 10, 30, 0, TimeSpan.Zero);
        var cut = Render<DocumentTimelineCard>(p => p
            .Add(x => x.Entries, new List<TimelineEntry>
            {
                new(at, "Email: reminder", "To a@example.test · <b>Due</b>", "failed"),
                new(at, "Email: payment request", null, "sent"),
                new(at, "Email: invoice sent (Send & Print)", null, "queued"),
                new(at, "Paid", null),
            }));

        var chips = cut.FindAll("[data-testid=timeline-email-status]");
        Assert.Equal(["failed", "sent", "queued"], chips.Select(c => c.TextContent.Trim()));
        Assert.Equal(["warning", "done", "neutral"], chips.Select(c => c.GetAttribute("data-status")));
        Assert.Contains("&lt;b&gt;Due&lt;/b&gt;", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=timeline] b"));
        Assert.Equal(4, cut.FindAll("[data-testid=timeline-entry]").Count);
        Assert.Contains("21 Nov 2026 10:30 UTC", cut.Find("[data-testid=timeline-entry]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_card_links_the_client_and_shows_the_balance_as_money()
    {
        var cut = Render<DocumentClientCard>(p => p
            .Add(x => x.ClientId, 42)
            .Add(x => x.Name, "Cleo <Client>")
            .Add(x => x.Email, "cleo@example.test")
            .Add(x => x.Balance, new Money(36_298, Currency.EUR)));

        var link = cut.Find("[data-testid=client-link]");
        Assert.Equal("/admin/clients/42", link.GetAttribute("href"));
        Assert.Equal("Cleo <Client>", link.TextContent);
        Assert.Equal("€362.98", cut.Find("[data-testid=client-balance]").TextContent);
    }
}
