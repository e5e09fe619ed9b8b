using System.Net;
using InvoiceHub.MollieSimulator;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>Per test: a fresh simulator and webhook receiver on loopback, and the real client pointed at them.</summary>
public abstract class SimulatorTestBase : IAsyncLifetime
{
    private MollieTestClient? _mollie;

    protected MollieSimulatorHost Simulator { get; private set; } = null!;
    protected WebhookReceiver Webhooks { get; private set; } = null!;
    protected MollieClient Client => _mollie!.Client;

    /// <summary>Plain HTTP to the simulator: checkout pages and _sim controls, never following redirects.</summary>
    protected HttpClient Browser { get; private set; } = null!;

    protected virtual void ConfigureSimulator(MollieSimulatorOptions options) => options.RecurringSettleDelay = null;

    protected virtual IDictionary<string, string?> ClientSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Simulator = await MollieSimulatorHost.StartAsync(ConfigureSimulator);
        Webhooks = await WebhookReceiver.StartAsync();
        _mollie = new MollieTestClient(Simulator.ApiBaseAddress, ClientSettings);
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Simulator.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Browser.Dispose();
        _mollie?.Dispose();
        await Webhooks.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    protected Task<MolliePayment> CreatePaymentAsync(decimal amount = 10m, string? method = null, MollieSequenceType? sequenceType = null, string? customerId = null, string? idempotencyKey = null) =>
        Client.CreatePaymentAsync(
            new CreatePaymentRequest
            {
                Amount = MollieAmount.Eur(amount),
                Description = "Invoice 2026-0001",
                RedirectUrl = "https://invoicehub.example/portal/invoices/1",
                WebhookUrl = Webhooks.Url.ToString(),
                Method = method,
                SequenceType = sequenceType,
                CustomerId = customerId,
            },
            idempotencyKey);

    /// <summary>Does what a tester does on the checkout page: choose an outcome and press Continue.</summary>
    protected async Task<HttpResponseMessage> SubmitCheckoutAsync(MolliePayment payment, string outcome, string? method = null)
    {
        var fields = new Dictionary<string, string> { ["outcome"] = outcome };
        if (method is not null)
        {
            fields["method"] = method;
        }
        var response = await Browser.PostAsync(new Uri(payment.CheckoutUrl!), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response;
    }

    protected async Task<MollieCustomer> CreateCustomerAsync() =>
        await Client.CreateCustomerAsync(new CreateCustomerRequest { Name = "Acme B.V.", Email = "billing@acme.test" });

    protected async Task<MollieMandate> CreateDirectDebitMandateAsync(string customerId) =>
        await Client.CreateMandateAsync(customerId, new CreateMandateRequest { ConsumerName = "Acme B.V.", ConsumerAccount = "NL55INGB0000000000" });
}
