using AngleSharp.Dom;
using Bunit;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>
/// The payment dialogs, rendered with bunit: Refund (its most, its checks, credit or reopen), Take Payment ▸ Offline
/// (its checks before the owner records anything) and Take Payment ▸ Online (against the app's own services and database).
/// </summary>
public sealed class PaymentDialogComponentTests : ComponentTestContext, IClassFixture<PaymentDialogComponentTests.AppWithDocuments>
{
    /// <summary>One app for the class: a client without a Mollie mandate, an open invoice and a paid one.</summary>
    public sealed class AppWithDocuments : IAsyncLifetime
    {
        public InvoiceHubFactory App { get; private set; } = null!;

        public int OpenInvoiceId { get; private set; }

        public int PaidInvoiceId { get; private set; }

        public async Task InitializeAsync()
        {
            App = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
            var data = new ScreenData(App);
            var clientId = await data.CreateClientAsync("Dialog Dora");
            OpenInvoiceId = (await data.OpenInvoiceAsync(clientId, "40.00")).Id;
            PaidInvoiceId = (await data.OpenInvoiceAsync(clientId, "15.00")).Id;
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<global::InvoiceHub.Web.Features.Invoices.RecordInvoicePayment>()
                .HandleAsync(new OfflinePaymentCommand(PaidInvoiceId, Eur(1_500), PaymentMethod.Cash, null, null));
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly AppWithDocuments _app;

    public PaymentDialogComponentTests(AppWithDocuments app)
    {
        _app = app;
        foreach (var type in new[] { typeof(ClientMandates), typeof(ChargeMandate), typeof(global::InvoiceHub.Web.Features.PaymentLinks.PaymentRequests), typeof(global::InvoiceHub.Web.Features.PaymentLinks.PaymentLinks), typeof(IDbContextFactory<InvoiceHubDbContext>) })
        {
            Services.AddSingleton(type, app.App.Services.GetRequiredService(type));
        }
        Services.AddLogging();
    }

    private static Money Eur(long minor) => new(minor, Currency.EUR);

    // ---- Refund -------------------------------------------------------------------------------------------------

    /// <summary>Refund of a payment with €60.00 refundable to the payer and €80.00 to the balance; confirmed refunds land in <paramref name="confirmed"/>.</summary>
    private IRenderedComponent<MudDialogProvider> Refund(List<RefundChoice> confirmed, bool payerPossible = true, Dictionary<string, string>? errors = null)
    {
        var provider = Render<MudDialogProvider>();
        Render<RefundDialog>(p => p
            .Add(x => x.Refundable, new RefundableView(7, Eur(6_000), Eur(8_000), payerPossible))
            .Add(x => x.Errors, errors ?? new Dictionary<string, string>())
            .Add(x => x.OnConfirm, (RefundChoice c) => confirmed.Add(c)));
        provider.WaitForElement("#refund-amount");
        return provider;
    }

    /// <summary>Picks a MudRadio the way a person does, by its input.</summary>
    private static void Choose(IElement radio)
    {
        try
        {
            radio.Click();
        }
        catch (MissingEventHandlerException)
        {
            radio.Change(true);
        }
    }

    [Fact]
    public void Refund_starts_at_the_most_that_may_go_back_to_the_payer()
    {
        var provider = Refund([]);

        Assert.Equal("60.00", provider.Find("#refund-amount").GetAttribute("value"));
        Assert.True(provider.Find("[data-testid=refund-to-payer]").HasAttribute("checked"));
        Assert.Contains("up to €60.00", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("up to €80.00", provider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Refund_to_the_balance_starts_at_the_balance_most_when_the_payer_cannot_be_refunded()
    {
        var confirmed = new List<RefundChoice>();
        var provider = Refund(confirmed, payerPossible: false);

        Assert.Equal("80.00", provider.Find("#refund-amount").GetAttribute("value"));
        Assert.True(provider.Find("[data-testid=refund-to-payer]").HasAttribute("disabled"));
        provider.Find("#refund-reason").Input("Lesson cancelled");
        provider.Find("[data-testid=confirm-refund]").Click();

        provider.WaitForAssertion(() => Assert.Equal(RefundDestination.Balance, Assert.Single(confirmed).Destination));
        Assert.Equal(Eur(8_000), confirmed[0].Amount);
    }

    [Fact]
    public void Choosing_the_balance_sets_the_amount_to_its_own_most()
    {
        var provider = Refund([]);

        Choose(provider.Find("[data-testid=refund-to-balance]"));

        provider.WaitForAssertion(() => Assert.Equal("80.00", provider.Find("#refund-amount").GetAttribute("value")));
    }

    [Fact]
    public void Refund_refuses_more_than_is_refundable_next_to_the_amount()
    {
        var confirmed = new List<RefundChoice>();
        var provider = Refund(confirmed);

        provider.Find("#refund-amount").Input("60.01");
        provider.Find("#refund-reason").Input("Lesson cancelled");
        provider.Find("[data-testid=confirm-refund]").Click();

        provider.WaitForAssertion(() => Assert.Equal("At most €60.00 can be refunded to the payer.", provider.Find("#refund-amount-error").TextContent));
        Assert.Equal("true", provider.Find("#refund-amount").GetAttribute("aria-invalid"));
        Assert.Empty(confirmed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("")]
    [InlineData("ten")]
    public void Refund_refuses_what_is_not_an_amount_above_zero(string typed)
    {
        var confirmed = new List<RefundChoice>();
        var provider = Refund(confirmed);

        provider.Find("#refund-amount").Input(typed);
        provider.Find("#refund-reason").Input("Lesson cancelled");
        provider.Find("[data-testid=confirm-refund]").Click();

        provider.WaitForAssertion(() => Assert.Equal("Enter an amount above zero, for example 60.00.", provider.Find("#refund-amount-error").TextContent));
        Assert.Empty(confirmed);
    }

    [Fact]
    public void Refund_asks_why_next_to_the_reason()
    {
        var confirmed = new List<RefundChoice>();
        var provider = Refund(confirmed);

        provider.Find("[data-testid=confirm-refund]").Click();

        provider.WaitForAssertion(() => Assert.Equal("Say why the money is refunded.", provider.Find("#refund-reason-error").TextContent));
        Assert.Equal("true", provider.Find("#refund-reason").GetAttribute("aria-invalid"));
        Assert.Empty(provider.FindAll("#refund-amount-error"));
        Assert.Empty(confirmed);
    }

    [Fact]
    public void Refund_reopens_the_invoice_unless_staff_choose_to_credit_it()
    {
        var confirmed = new List<RefundChoice>();
        var provider = Refund(confirmed);

        Assert.True(provider.Find("[data-testid=refund-reopen-invoice]").HasAttribute("checked"));
        provider.Find("#refund-amount").Input("25.00");
        provider.Find("#refund-reason").Input("  Two lessons cancelled ");
        provider.Find("[data-testid=confirm-refund]").Click();
        provider.WaitForAssertion(() => Assert.Single(confirmed));
        Assert.Equal(new RefundChoice(Eur(2_500), RefundDestination.Payer, "Two lessons cancelled", CreditInvoices: false), confirmed[0]);

        Choose(provider.Find("[data-testid=refund-credit-invoice]"));
        provider.Find("[data-testid=confirm-refund]").Click();

        provider.WaitForAssertion(() => Assert.Equal(2, confirmed.Count));
        Assert.True(confirmed[1].CreditInvoices);
    }

    [Fact]
    public void Refund_shows_the_handlers_refusal_next_to_its_field()
    {
        var provider = Refund([], errors: new Dictionary<string, string> { ["destination"] = "The payment method cannot be refunded through Mollie." });

        Assert.Equal("The payment method cannot be refunded through Mollie.", provider.Find("#refund-destination-error").TextContent);
    }

    // ---- Take Payment ▸ Offline -----------------------------------------------------------------------------------

    private IRenderedComponent<MudDialogProvider> Offline(OfflinePaymentForm form, Action confirmed, Dictionary<string, string>? errors = null)
    {
        var provider = Render<MudDialogProvider>();
        Render<OfflinePaymentDialog>(p => p
            .Add(x => x.Form, form)
            .Add(x => x.Currency, "EUR")
            .Add(x => x.Errors, errors ?? new Dictionary<string, string>())
            .Add(x => x.OnConfirm, confirmed));
        provider.WaitForElement("#offline-amount");
        return provider;
    }

    [Fact]
    public void Offline_payment_starts_at_what_is_still_to_pay_received_today_in_cash()
    {
        var form = OfflinePaymentForm.For(Eur(6_000), new DateOnly(2026, 12, 4));
        var provider = Offline(form, () => { });

        Assert.Equal("60.00", provider.Find("#offline-amount").GetAttribute("value"));
        Assert.Equal("2026-12-04", provider.Find("#offline-received-on").GetAttribute("value"));
        Assert.True(provider.Find("[data-testid=offline-method-cash]").HasAttribute("checked"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5.00")]
    public void Offline_payment_refuses_an_amount_that_is_not_above_zero_and_records_nothing(string typed)
    {
        var confirmed = 0;
        var form = OfflinePaymentForm.For(Eur(6_000), new DateOnly(2026, 12, 4));
        var provider = Offline(form, () => confirmed++);

        provider.Find("#offline-amount").Input(typed);
        provider.Find("[data-testid=confirm-offline-payment]").Click();

        provider.WaitForAssertion(() => Assert.Equal("Enter the amount received, above zero, for example 25.00.", provider.Find("#offline-amount-error").TextContent));
        Assert.Equal("true", provider.Find("#offline-amount").GetAttribute("aria-invalid"));
        Assert.Equal(0, confirmed);
    }

    [Fact]
    public void Offline_payment_needs_the_day_the_money_arrived()
    {
        var confirmed = 0;
        var form = OfflinePaymentForm.For(Eur(6_000), new DateOnly(2026, 12, 4));
        var provider = Offline(form, () => confirmed++);

        provider.Find("#offline-received-on").Change("");
        provider.Find("[data-testid=confirm-offline-payment]").Click();

        provider.WaitForAssertion(() => Assert.Equal("Enter the day the money arrived.", provider.Find("#offline-received-on-error").TextContent));
        Assert.Null(form.ReceivedOn);
        Assert.Equal(0, confirmed);
    }

    [Fact]
    public void Offline_payment_passes_the_checked_form_to_its_owner()
    {
        var confirmed = 0;
        var form = OfflinePaymentForm.For(Eur(6_000), new DateOnly(2026, 12, 4));
        var provider = Offline(form, () => confirmed++);

        Choose(provider.Find("[data-testid=offline-method-cheque]"));
        provider.Find("#offline-amount").Input("45.50");
        provider.Find("#offline-reference").Change("CHQ-778");
        provider.Find("[data-testid=confirm-offline-payment]").Click();

        provider.WaitForAssertion(() => Assert.Equal(1, confirmed));
        Assert.Empty(provider.FindAll("[data-testid=field-error]"));
        var command = form.ToCommand(3, Currency.EUR, new Dictionary<string, string>());
        Assert.Equal(new OfflinePaymentCommand(3, Eur(4_550), PaymentMethod.Cheque, "CHQ-778", new DateOnly(2026, 12, 4)), command);
    }

    [Fact]
    public void Offline_payment_shows_the_owners_refusal_in_the_dialog()
    {
        var form = OfflinePaymentForm.For(Eur(6_000), new DateOnly(2026, 12, 4));
        var provider = Offline(form, () => { }, new Dictionary<string, string> { [""] = "The database is busy: nothing was saved, try again." });

        Assert.Equal("The database is busy: nothing was saved, try again.", provider.Find("[data-testid=field-error]").TextContent);
    }

    // ---- Take Payment ▸ Online ------------------------------------------------------------------------------------

    private IRenderedComponent<MudDialogProvider> Online(int invoiceId, Action? closed = null)
    {
        var provider = Render<MudDialogProvider>();
        Render<TakePaymentOnlineDialog>(p => p
            .Add(x => x.Kind, PayableKind.Invoice)
            .Add(x => x.Id, invoiceId)
            .Add(x => x.OnClose, closed ?? (() => { })));
        return provider;
    }

    [Fact]
    public async Task Online_payment_without_a_mandate_emails_one_payment_request_a_day()
    {
        var provider = Online(_app.OpenInvoiceId);

        provider.WaitForElement("[data-testid=no-mandate]");
        Assert.Empty(provider.FindAll("[data-testid=charge-mandate]"));
        provider.Find("[data-testid=email-payment-request]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Payment request queued", provider.Find("[data-testid=online-message]").TextContent, StringComparison.Ordinal));

        provider.Find("[data-testid=email-payment-request]").Click();
        provider.WaitForAssertion(() => Assert.Contains("already sent today", provider.Find("[data-testid=online-message]").TextContent, StringComparison.Ordinal));

        await using var db = _app.App.CreateDbContext();
        var number = (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == _app.OpenInvoiceId)).Number!;
        Assert.Single(await db.Outbox.AsNoTracking().Where(m => m.Subject.Contains(number)).ToListAsync());
    }

    [Fact]
    public void Online_payment_of_a_paid_invoice_offers_nothing_to_collect()
    {
        var provider = Online(_app.PaidInvoiceId);

        provider.WaitForElement("[data-testid=online-not-open]");
        Assert.Empty(provider.FindAll("[data-testid=email-payment-request]"));
        Assert.Empty(provider.FindAll("[data-testid=charge-mandate]"));
    }

    [Fact]
    public void Online_payment_dialog_closes_through_its_owner()
    {
        var closed = 0;
        var provider = Online(_app.PaidInvoiceId, () => closed++);

        provider.WaitForElement("[data-testid=close-online-payment]").Click();

        Assert.Equal(1, closed);
    }
}
