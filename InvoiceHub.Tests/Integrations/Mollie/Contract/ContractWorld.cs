using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InvoiceHub.MollieSimulator;

namespace InvoiceHub.Tests.Integrations.Mollie.Contract;

/// <summary>
/// Raw HTTP to one simulator, as a generic Mollie client would speak it, plus the arranging a case needs
/// (a paid payment, a refund, a chargeback …). What it makes is kept in <see cref="Vars"/> for the expectations.
/// </summary>
public sealed class ContractWorld(MollieSimulatorHost simulator, Uri webhookUrl) : IDisposable
{
    public const string ApiKey = "test_contract_catalogue_key_000001";
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = simulator.BaseAddress };

    public Dictionary<string, string> Vars { get; } = new(StringComparer.Ordinal);

    public string WebhookUrl => webhookUrl.ToString();

    public async Task<HttpResponseMessage> SendAsync(ContractRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, "v2" + request.Path);
        if (request.Authenticated)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        }
        if (request.IdempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
        }
        message.Content = request switch
        {
            { Json: { } json } => JsonContent.Create(json),
            { Form: { } form } => new FormUrlEncodedContent(form),
            { Raw: var (text, type) } => new StringContent(text, Encoding.UTF8, type),
            _ => null,
        };
        return await _http.SendAsync(message);
    }

    /// <summary>Sends and expects success; returns the answer's JSON.</summary>
    public async Task<JsonElement> OkAsync(ContractRequest request)
    {
        using var response = await SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Arranging {request.Method} {request.Path} failed: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task ControlAsync(string path, object? body = null)
    {
        using var response = await _http.PostAsJsonAsync("_sim/" + path, body ?? new { });
        Assert.True(response.IsSuccessStatusCode, $"_sim/{path} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public object PaymentBody(string value = "10.00", object? method = null) => new
    {
        amount = new { currency = "EUR", value },
        description = "Invoice 2026-0042",
        redirectUrl = "https://invoicehub.example/portal/invoices/42",
        webhookUrl = WebhookUrl,
        method,
    };

    public async Task<string> OpenPaymentAsync(string method = "ideal", string value = "10.00", string name = "payment") =>
        Vars[name] = (await OkAsync(ContractRequest.Post("/payments", PaymentBody(value, method)))).GetProperty("id").GetString()!;

    public async Task<string> PaidPaymentAsync(string method = "creditcard", string value = "10.00", string name = "payment")
    {
        var id = await OpenPaymentAsync(method, value, name);
        await ControlAsync($"payments/{id}/status", new { status = "paid" });
        return id;
    }

    public async Task<string> RefundAsync(string paymentId, string value = "4.00") =>
        Vars["refund"] = (await OkAsync(ContractRequest.Post($"/payments/{paymentId}/refunds", new { amount = new { currency = "EUR", value }, description = "Goodwill" }))).GetProperty("id").GetString()!;

    public async Task<string> ChargebackAsync(string paymentId)
    {
        using var response = await _http.PostAsJsonAsync($"_sim/payments/{paymentId}/chargebacks", new { });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, json.GetRawText());
        return Vars["chargeback"] = json.GetProperty("id").GetString()!;
    }

    public async Task<string> CustomerAsync(string name = "customer") =>
        Vars[name] = (await OkAsync(ContractRequest.Post("/customers", new { name = "Acme B.V.", email = "billing@acme.test" }))).GetProperty("id").GetString()!;

    public async Task<string> MandateAsync(string customerId) =>
        Vars["mandate"] = (await OkAsync(ContractRequest.Post($"/customers/{customerId}/mandates", new { method = "directdebit", consumerName = "Acme B.V.", consumerAccount = "NL55INGB0000000000" }))).GetProperty("id").GetString()!;

    public async Task<string> PaymentLinkAsync(bool reusable = false) =>
        Vars["link"] = (await OkAsync(ContractRequest.Post("/payment-links", new { description = "Credit top-up", amount = new { currency = "EUR", value = "25.00" }, webhookUrl = WebhookUrl, reusable }))).GetProperty("id").GetString()!;

    /// <summary>Opens the link's public page as a payer would: a payment is made and the page redirects to its checkout.</summary>
    public async Task<HttpResponseMessage> OpenPaymentLinkPageAsync(string linkId) => await _http.GetAsync($"pay/{linkId}");

    public void Dispose() => _http.Dispose();
}
