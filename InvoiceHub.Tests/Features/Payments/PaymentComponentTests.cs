using Bunit;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Payments;
using Microsoft.AspNetCore.Components;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>The payment screens' small building blocks, rendered with bunit.</summary>
public sealed class PaymentComponentTests : ComponentTestContext, IAsyncLifetime
{
    // MudBlazor's key interceptor only disposes asynchronously: xunit's synchronous Dispose would throw.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private static readonly PendingPayment Pending = new(new DateTimeOffset(2026, 12, 1, 14, 5, 0, TimeSpan.Zero), 12_345, "EUR");

    [Theory]
    [InlineData(PaymentStatus.Paid, "mud-chip-color-success", "filled")]
    [InlineData(PaymentStatus.Open, "mud-chip-color-primary", "outlined")]
    [InlineData(PaymentStatus.Pending, "mud-chip-color-primary", "outlined")]
    [InlineData(PaymentStatus.Refunded, "mud-chip-color-warning", "outlined")]
    [InlineData(PaymentStatus.ChargedBack, "mud-chip-color-warning", "outlined")]
    [InlineData(PaymentStatus.Failed, "mud-chip-color-error", "outlined")]
    [InlineData(PaymentStatus.Canceled, "mud-chip-color-default", "outlined")]
    public void Status_chip_names_the_status_in_its_colour(PaymentStatus status, string colour, string variant)
    {
        var chip = Render<PaymentStatusBadge>(p => p.Add(x => x.Status, status)).Find("[data-testid=payment-status]");

        Assert.Equal(status.ToString(), chip.TextContent.Trim());
        Assert.Contains(colour, chip.ClassName, StringComparison.Ordinal);
        Assert.Contains($"mud-chip-{variant}", chip.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_notice_says_since_when_and_how_much_is_on_its_way()
    {
        var notice = Render<PaymentPendingNotice>(p => p.Add(x => x.Pending, Pending)).Find("[data-testid=payment-pending]");

        var text = System.Net.WebUtility.HtmlDecode(notice.TextContent);
        Assert.Contains("Payment pending since 1 Dec 2026 14:05 UTC", text, StringComparison.Ordinal);
        Assert.Contains("€123.45", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_notice_without_a_pay_again_handler_only_informs()
    {
        var notice = Render<PaymentPendingNotice>(p => p.Add(x => x.Pending, Pending));

        Assert.Empty(notice.FindAll("[data-testid=pay-again]"));
    }

    [Fact]
    public void Paying_again_asks_first_and_pays_only_once_confirmed()
    {
        var paidAgain = 0;
        var notice = Render<PaymentPendingNotice>(p => p
            .Add(x => x.Pending, Pending)
            .Add(x => x.Compact, true)
            .Add(x => x.OnPayAgain, () => paidAgain++));

        notice.Find("[data-testid=pay-again]").Click();
        Assert.Equal(0, paidAgain);
        Assert.Contains("A payment of €123.45 started on 1 Dec 2026 14:05 UTC is still pending. Pay again anyway?",
            System.Net.WebUtility.HtmlDecode(notice.Find("[data-testid=pay-again-question]").TextContent), StringComparison.Ordinal);

        notice.Find("[data-testid=confirm-pay-again]").Click();
        Assert.Equal(1, paidAgain);
    }

    [Fact]
    public void Keep_waiting_closes_the_question_without_paying()
    {
        var paidAgain = 0;
        var keptWaiting = 0;
        var notice = Render<PaymentPendingNotice>(p => p
            .Add(x => x.Pending, Pending)
            .Add(x => x.Ask, true)
            .Add(x => x.OnPayAgain, () => paidAgain++)
            .Add(x => x.OnKeepWaiting, () => keptWaiting++));

        notice.Find("[data-testid=keep-waiting]").Click();

        Assert.Equal((0, 1), (paidAgain, keptWaiting));
        Assert.Empty(notice.FindAll("[data-testid=pay-again-confirm]"));
    }
}
