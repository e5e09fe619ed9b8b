using InvoiceHub.Domain;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Shell;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// What a payer or staff member reads when an action is refused follows their language: a payment that cannot start,
/// a rule of the business shown on a page (by its code), Mollie's refusals; English stays as it always read.
/// </summary>
public sealed class PaymentRefusalLanguageTests : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Theory]
    [InlineData("en", "Online payment is switched off. Please contact us to pay this document.")]
    [InlineData("es", "El pago de facturas en línea está desactivado. Póngase en contacto con nosotros para pagar este documento.")]
    [InlineData("nl", "Online factuurbetaling staat uit. Neem contact met ons op om dit document te betalen.")]
    public async Task A_payment_that_cannot_start_says_why_in_the_payer_s_language(string code, string expected)
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(1_000);
        await _t.SetOnlinePaymentAsync(false);
        using var _ = Languages.Use(code);

        var refused = await Assert.ThrowsAsync<PaymentRefusedException>(() => _t.StartInvoicePaymentAsync(invoiceId));

        Assert.Equal(expected, refused.Message);
        Assert.Equal(0, _t.Simulator.State.PaymentCount);
    }

    [Fact]
    public async Task A_page_shows_a_rule_s_refusal_by_its_code_in_Dutch_and_the_domain_s_own_words_in_English()
    {
        static Task Refuse() => throw new DomainException(ErrorCodes.InvalidIban, "NL00 is not a valid IBAN.", "iban");

        ActionRefusal? dutch, english;
        using (Languages.Use("nl"))
        {
            dutch = await PageAction.RunAsync(Refuse);
        }
        using (Languages.Use("en"))
        {
            english = await PageAction.RunAsync(Refuse);
        }

        Assert.Equal("Dit is geen geldige IBAN: controleer de landcode, de controlecijfers en het rekeningnummer.", dutch!.Message);
        Assert.Equal("iban", dutch.Field);
        Assert.Equal("NL00 is not a valid IBAN.", english!.Message);
    }

    [Theory]
    [InlineData("en", "The Mollie API key was refused; check it under Payment Providers.")]
    [InlineData("es", "Mollie ha rechazado la clave de API; revísela en Proveedores de pago.")]
    public void Mollie_s_refusal_reads_the_reader_s_language(string code, string expected)
    {
        using var _ = Languages.Use(code);
        Assert.Equal(expected, MollieException.FromProblem(401, "Unauthorized Request", "Missing authentication, or failed to authenticate", null).UserMessage);
    }
}
