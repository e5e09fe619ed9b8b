using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.PaymentLinks;
using InvoiceHub.Web.Features.PaymentProviders;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.PaymentLinks;

/// <summary>The payment link journey without signing in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PayLinkBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const float Patience = 20_000;

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<string> LinkPathAsync(int invoiceId)
    {
        await using var db = _t.App.CreateDbContext();
        var url = await _t.App.Services.GetRequiredService<Web.Features.PaymentLinks.PaymentLinks>().CreateOrRenewAsync(db, PayableKind.Invoice, invoiceId, _t.App.BaseAddress);
        await db.SaveChangesAsync();
        return new Uri(url).AbsolutePath;
    }

    [RequiresChromiumFact]
    public async Task Anyone_with_the_link_pays_by_card_and_the_link_then_says_the_invoice_is_paid()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(9_900);
        var number = await _t.InvoiceNumberOfAsync(invoiceId);
        var path = await LinkPathAsync(invoiceId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Anyone_with_the_link_pays_by_card_and_the_link_then_says_the_invoice_is_paid));
        var page = session.Page;

        await session.GotoInteractiveAsync(path);
        await Assertions.Expect(page.GetByTestId("document-number")).ToContainTextAsync(number, new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("document-still-to-pay")).ToContainTextAsync("99.00");
        await Assertions.Expect(page.GetByTestId("document-line")).ToHaveCountAsync(1);
        await page.GetByTestId("method-creditcard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("method-creditcard")).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = Patience });
        await page.GetByTestId("pay-now").ClickAsync();
        await session.PayAtSimulatorCheckoutAsync(_t.Simulator.BaseAddress.ToString(), description: null, Patience);

        await page.WaitForURLAsync("**/payments/*/return?link=*", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-return")).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-back")).ToHaveAttributeAsync("href", path);
        await page.GetByTestId("payment-back").ClickAsync();

        await Assertions.Expect(page.GetByTestId("link-settled")).ToHaveAttributeAsync("data-status", "Paid", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("link-message")).ToContainTextAsync($"{number} is paid");
        await Assertions.Expect(page.GetByTestId("pay-now")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("paid");
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Paid, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).Status);
    }

    [RequiresChromiumFact]
    public async Task A_revoked_link_says_so_and_shows_no_document()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(4_000);
        var path = await LinkPathAsync(invoiceId);
        await _t.App.Services.GetRequiredService<Web.Features.PaymentLinks.PaymentLinks>().RevokeAsync(PayableKind.Invoice, invoiceId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(A_revoked_link_says_so_and_shows_no_document));
        var page = session.Page;

        await session.GotoInteractiveAsync(path);

        await Assertions.Expect(page.GetByTestId("link-dead")).ToHaveAttributeAsync("data-state", "revoked", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("link-message")).ToContainTextAsync("withdrawn");
        await Assertions.Expect(page.GetByTestId("document-line")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("pay-now")).ToHaveCountAsync(0);
        var unknown = await page.GotoAsync("/pay/not-a-real-token");
        Assert.Equal(404, unknown!.Status);
    }

    [RequiresChromiumFact]
    public async Task An_expired_link_offers_a_fresh_one_and_emails_it_to_the_address_on_file()
    {
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(4_000);
        var path = await LinkPathAsync(invoiceId);
        await using (var db = _t.App.CreateDbContext())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await db.Invoices.Where(i => i.Id == invoiceId).ExecuteUpdateAsync(s => s.SetProperty(i => i.DueDate, today.AddDays(-40)));
            await db.PaymentLinks.Where(l => l.DocumentId == invoiceId).ExecuteUpdateAsync(s => s.SetProperty(l => l.CreatedAt, DateTimeOffset.UtcNow.AddDays(-45)));
        }

        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(An_expired_link_offers_a_fresh_one_and_emails_it_to_the_address_on_file));
        var page = session.Page;
        await session.GotoInteractiveAsync(path);

        await Assertions.Expect(page.GetByTestId("link-dead")).ToHaveAttributeAsync("data-state", "expired", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("link-message")).ToContainTextAsync("expired");
        await page.GetByTestId("email-fresh-link").ClickAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("fresh-link-sent")).ToBeVisibleAsync(new() { Timeout = Patience });
        await session.ScreenshotAsync("fresh-link");

        await using var check = _t.App.CreateDbContext();
        var email = await check.Outbox.AsNoTracking().SingleAsync();
        Assert.Equal(await check.Clients.Where(c => c.Id == clientId).Select(c => c.Email).SingleAsync(), email.To);
        Assert.Equal(DocumentEmails.FreshLinkKind, email.Kind);
    }

    [RequiresChromiumFact]
    public async Task Bank_transfer_by_wire_shows_the_bank_details_and_an_rf_reference_and_leaves_the_invoice_open()
    {
        await _t.App.Services.GetRequiredService<PaymentProviderService>()
            .SaveWireAsync(true, "Demo Agency BV", "NL91ABNA0417164300", "ABNANL2A", "Transfers take one or two working days.");
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(3_000);
        var number = await _t.InvoiceNumberOfAsync(invoiceId);
        var path = await LinkPathAsync(invoiceId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Bank_transfer_by_wire_shows_the_bank_details_and_an_rf_reference_and_leaves_the_invoice_open));
        var page = session.Page;

        await session.GotoInteractiveAsync(path);
        await page.GetByTestId("method-wire").ClickAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("method-wire")).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = Patience });
        await page.GetByTestId("pay-now").ClickAsync();

        var instructions = page.GetByTestId("wire-instructions");
        await Assertions.Expect(instructions).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("wire-iban")).ToHaveTextAsync("NL91ABNA0417164300");
        await Assertions.Expect(page.GetByTestId("wire-holder")).ToHaveTextAsync("Demo Agency BV");
        await Assertions.Expect(page.GetByTestId("wire-reference")).ToHaveTextAsync(Iban.CreditorReference(number));
        await Assertions.Expect(instructions).ToContainTextAsync("30.00");
        await session.ScreenshotAsync("wire");
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Open, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).Status);
        Assert.Equal(0, await db.Payments.CountAsync(p => p.InvoiceId == invoiceId));
    }
}
