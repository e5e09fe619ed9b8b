using System.Net;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>
/// The simulator takes <c>locale</c> as Mollie does (only the documented locales; anything else is a 422 on the field)
/// and shows its hosted checkout in that locale, or the browser's language when the payment has none.
/// </summary>
public sealed class SimulatorLocaleTests : SimulatorTestBase
{
    [Theory]
    [InlineData("es_ES")]
    [InlineData("nl_NL")]
    [InlineData("en_US")]
    [InlineData("de_DE")]
    public async Task A_documented_locale_is_kept_and_returned(string locale)
    {
        var payment = await CreateAsync(locale);

        Assert.Equal(locale, payment.Locale);
        Assert.Equal(locale, (await Client.GetPaymentAsync(payment.Id)).Locale);
    }

    [Theory]
    [InlineData("es_MX")]
    [InlineData("es-ES")]
    [InlineData("spanish")]
    [InlineData("es")]
    public async Task A_locale_Mollie_does_not_document_is_refused_on_the_field(string locale)
    {
        var refused = await Assert.ThrowsAsync<MollieException>(() => CreateAsync(locale));

        Assert.Equal(422, refused.Status);
        Assert.Equal("locale", refused.Field);
        Assert.Equal("The locale is invalid", refused.Detail);
        Assert.Empty((await Client.ListPaymentsAsync()).Items);
    }

    [Fact]
    public async Task Checkout_of_a_Spanish_payment_is_in_Spanish()
    {
        var payment = await CreateAsync("es_ES");

        var page = await PageAsync(payment.CheckoutUrl!);

        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal);
        Assert.Contains("Modo de prueba de Mollie (simulador)", page, StringComparison.Ordinal);
        Assert.Contains("Seleccione un método de pago", page, StringComparison.Ordinal);
        Assert.Contains(">Continuar</button>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Select a payment method", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_of_a_Dutch_payment_offers_its_outcomes_in_Dutch()
    {
        var payment = await CreateAsync("nl_NL", method: "creditcard");

        var page = await PageAsync(payment.CheckoutUrl!);

        Assert.Contains("<html lang=\"nl\">", page, StringComparison.Ordinal);
        Assert.Contains("Creditcard: kies de status van de betaling", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"outcome-paid\" checked> Betaald", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"outcome-failed\"> Mislukt", page, StringComparison.Ordinal);
        Assert.Contains(">Doorgaan</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_after_payment_says_its_status_in_the_payments_locale()
    {
        var payment = await CreateAsync("es_ES", method: "ideal");
        await SubmitCheckoutAsync(payment, "paid");

        var page = await PageAsync(payment.CheckoutUrl!);

        Assert.Contains("Estado de este pago: pagado.", page, StringComparison.Ordinal);
        Assert.Contains("Volver al sitio web", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_in_a_locale_without_simulator_texts_reads_English()
    {
        var payment = await CreateAsync("de_DE");

        var page = await PageAsync(payment.CheckoutUrl!);

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("Select a payment method", page, StringComparison.Ordinal);
        Assert.Contains(">Continue</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_without_a_locale_follows_the_browser_language()
    {
        var payment = await CreateAsync(locale: null, method: "ideal");

        var dutch = await PageAsync(payment.CheckoutUrl!, acceptLanguage: "nl-NL,nl;q=0.9,en;q=0.5");
        var english = await PageAsync(payment.CheckoutUrl!);

        Assert.Contains("<html lang=\"nl\">", dutch, StringComparison.Ordinal);
        Assert.Contains(">Doorgaan</button>", dutch, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"outcome-paid\" checked> Paid", english, StringComparison.Ordinal);
    }

    private Task<MolliePayment> CreateAsync(string? locale, string? method = null) =>
        Client.CreatePaymentAsync(new CreatePaymentRequest
        {
            Amount = MollieAmount.Eur(10m),
            Description = "Factura 2026-0001",
            RedirectUrl = "https://invoicehub.example/portal/invoices/1",
            WebhookUrl = Webhooks.Url.ToString(),
            Locale = locale,
            Method = method,
        });

    private async Task<string> PageAsync(string url, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        using var response = await Browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
