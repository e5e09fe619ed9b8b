using InvoiceHub.Domain;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// A payment InvoiceHub opens at Mollie for a client carries the client's language as <c>locale</c>, so that Mollie's
/// checkout speaks to the payer in it; read back from the simulator's API, not from what InvoiceHub sent.
/// </summary>
public sealed class MollieLocaleTests : IAsyncLifetime
{
    private PaymentsTestApp _app = null!;

    public async Task InitializeAsync() => _app = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("es", "es_ES", ">Continuar</button>")]
    [InlineData("nl", "nl_NL", ">Doorgaan</button>")]
    [InlineData("en", "en_US", ">Continue</button>")]
    public async Task Pay_Now_opens_Mollies_checkout_in_the_clients_language(string language, string locale, string checkoutText)
    {
        var (clientId, invoiceId) = await _app.CreateOpenInvoiceAsync();
        await SetLanguageAsync(clientId, language);

        var started = await _app.StartInvoicePaymentAsync(invoiceId);

        var atMollie = await _app.App.Services.GetRequiredService<MollieClient>().GetPaymentAsync(await _app.ProviderIdOfAsync(started.PaymentId));
        Assert.Equal(locale, atMollie.Locale);
        var page = await _app.Controls.GetStringAsync(started.CheckoutUrl);
        Assert.Contains($"<html lang=\"{language}\">", page, StringComparison.Ordinal);
        Assert.Contains(checkoutText, page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mandate_charge_carries_the_clients_locale()
    {
        var draft = new LocalDraft(7, new Money(1_000, Currency.EUR), "Factura 2026-0007", "es_ES");

        var request = ChargeMandate.ToRequest(draft, "cst_1", "mdt_1", new Uri("https://invoicehub.example/api/mollie/webhook"));

        Assert.Equal("es_ES", request.Locale);
    }

    private async Task SetLanguageAsync(int clientId, string language)
    {
        await _app.App.Services.GetRequiredService<MoneyTransaction>().RunAsync("arrange language", async (db, ct) =>
        {
            db.Clients.Single(c => c.Id == clientId).SetLanguage(language);
            await db.SaveChangesAsync(ct);
        });
    }
}
