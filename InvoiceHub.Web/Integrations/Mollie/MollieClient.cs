using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Timeout;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>
/// Typed client for Mollie's v2 API (payments, methods, customers, mandates, refunds, chargebacks). Every POST carries an
/// Idempotency-Key, repeated on each retry. Failures surface as <see cref="MollieException"/>.
/// A singleton: every call takes a fresh <see cref="HttpClient"/> from the factory, so handlers that hold the client for
/// the app's life still get the factory's handler rotation.
/// </summary>
public sealed class MollieClient(IHttpClientFactory httpClients, MollieResilience resilience, IMollieKeyProvider keys, ILogger<MollieClient> logger)
{
    public const string HttpClientName = nameof(MollieClient);

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = resilience.Pipeline;

    // Payments

    public Task<MolliePayment> CreatePaymentAsync(CreatePaymentRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync<MolliePayment>(HttpMethod.Post, "payments", request, idempotencyKey, cancellationToken);

    /// <summary>Charges a customer's mandate without the customer present.</summary>
    public Task<MolliePayment> CreateRecurringPaymentAsync(CreateRecurringPaymentRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        CreatePaymentAsync(request.ToPaymentRequest(), idempotencyKey, cancellationToken);

    public Task<MolliePayment> GetPaymentAsync(string paymentId, CancellationToken cancellationToken = default) =>
        SendAsync<MolliePayment>(HttpMethod.Get, $"payments/{Id(paymentId)}", null, null, cancellationToken);

    /// <summary>Cancels an open or pending payment; Mollie answers 422 when it is no longer cancelable.</summary>
    public Task<MolliePayment> CancelPaymentAsync(string paymentId, CancellationToken cancellationToken = default) =>
        SendAsync<MolliePayment>(HttpMethod.Delete, $"payments/{Id(paymentId)}", null, null, cancellationToken);

    /// <summary>Newest first; pass <see cref="MollieList{T}.NextFrom"/> as <paramref name="from"/> for the next page.</summary>
    public async Task<MollieList<MolliePayment>> ListPaymentsAsync(string? from = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder().Add("from", from).Add("limit", limit?.ToString(CultureInfo.InvariantCulture));
        var page = await SendAsync<MollieListResponse<MolliePayment>>(HttpMethod.Get, "payments" + query, null, null, cancellationToken);
        return page.ToList();
    }

    // Methods

    public async Task<IReadOnlyList<MollieMethod>> ListMethodsAsync(MollieMethodsQuery? filter = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder()
            .Add("sequenceType", filter?.SequenceType is { } sequence ? JsonNamingPolicy.CamelCase.ConvertName(sequence.ToString()) : null)
            .Add("amount[value]", filter?.Amount?.Value)
            .Add("amount[currency]", filter?.Amount?.Currency)
            .Add("locale", filter?.Locale)
            .Add("billingCountry", filter?.BillingCountry);
        var list = await SendAsync<MollieListResponse<MollieMethod>>(HttpMethod.Get, "methods" + query, null, null, cancellationToken);
        return list.ToList().Items;
    }

    // Customers and mandates

    public Task<MollieCustomer> CreateCustomerAsync(CreateCustomerRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync<MollieCustomer>(HttpMethod.Post, "customers", request, idempotencyKey, cancellationToken);

    public Task<MollieCustomer> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        SendAsync<MollieCustomer>(HttpMethod.Get, $"customers/{Id(customerId)}", null, null, cancellationToken);

    public Task<MollieMandate> CreateMandateAsync(string customerId, CreateMandateRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync<MollieMandate>(HttpMethod.Post, $"customers/{Id(customerId)}/mandates", request, idempotencyKey, cancellationToken);

    public async Task<IReadOnlyList<MollieMandate>> ListMandatesAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var list = await SendAsync<MollieListResponse<MollieMandate>>(HttpMethod.Get, $"customers/{Id(customerId)}/mandates?limit=250", null, null, cancellationToken);
        return list.ToList().Items;
    }

    public Task<MollieMandate> GetMandateAsync(string customerId, string mandateId, CancellationToken cancellationToken = default) =>
        SendAsync<MollieMandate>(HttpMethod.Get, $"customers/{Id(customerId)}/mandates/{Id(mandateId)}", null, null, cancellationToken);

    public async Task RevokeMandateAsync(string customerId, string mandateId, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, $"customers/{Id(customerId)}/mandates/{Id(mandateId)}", null, null, cancellationToken);
    }

    // Refunds

    public Task<MollieRefund> CreateRefundAsync(string paymentId, CreateRefundRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync<MollieRefund>(HttpMethod.Post, $"payments/{Id(paymentId)}/refunds", request, idempotencyKey, cancellationToken);

    public async Task<IReadOnlyList<MollieRefund>> ListRefundsAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        var list = await SendAsync<MollieListResponse<MollieRefund>>(HttpMethod.Get, $"payments/{Id(paymentId)}/refunds?limit=250", null, null, cancellationToken);
        return list.ToList().Items;
    }

    // Chargebacks

    public async Task<IReadOnlyList<MollieChargeback>> ListPaymentChargebacksAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        var list = await SendAsync<MollieListResponse<MollieChargeback>>(HttpMethod.Get, $"payments/{Id(paymentId)}/chargebacks?limit=250", null, null, cancellationToken);
        return list.ToList().Items;
    }

    /// <summary>All chargebacks of the account, newest first; pass <see cref="MollieList{T}.NextFrom"/> as <paramref name="from"/> for the next page.</summary>
    public async Task<MollieList<MollieChargeback>> ListChargebacksAsync(string? from = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder().Add("from", from).Add("limit", limit?.ToString(CultureInfo.InvariantCulture));
        var page = await SendAsync<MollieListResponse<MollieChargeback>>(HttpMethod.Get, "chargebacks" + query, null, null, cancellationToken);
        return page.ToList();
    }

    // Transport

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, idempotencyKey, cancellationToken);
        var result = await response.Content.ReadFromJsonAsync<T>(MollieJson.Options, cancellationToken);
        return result ?? throw MollieException.FromProblem((int)response.StatusCode, "Empty answer", $"Mollie answered {path} without a body.", null);
    }

    /// <summary>Sends through the retry pipeline and returns a success answer; anything else becomes a MollieException.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var apiKey = await keys.GetApiKeyAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw MollieException.NoApiKey();
        }

        var attempt = new Attempt(
            httpClients.CreateClient(HttpClientName),
            method,
            path,
            apiKey,
            body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), MollieJson.Options),
            method == HttpMethod.Post ? idempotencyKey ?? Guid.NewGuid().ToString() : null);

        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(static (a, token) => a.SendAsync(token), attempt, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            logger.LogWarning("Mollie {Method} {Path} timed out on every attempt", method, path);
            throw MollieException.Unreachable($"Mollie did not answer {method} {path} in time.", ex);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Mollie {Method} {Path} could not be reached: {Error}", method, path, ex.Message);
            throw MollieException.Unreachable($"Mollie could not be reached for {method} {path}: {ex.Message}", ex);
        }

        logger.LogDebug("Mollie {Method} {Path} answered {Status}", method, path, (int)response.StatusCode);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }
    }

    private async Task<MollieException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? title = null, detail = null, field = null;
        try
        {
            using var problem = JsonDocument.Parse(text);
            title = Text(problem.RootElement, "title");
            detail = Text(problem.RootElement, "detail");
            field = Text(problem.RootElement, "field");
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer 502/503 with HTML; the status says enough then.
            detail = response.ReasonPhrase;
        }
        var exception = MollieException.FromProblem(status, title, detail, field);
        logger.LogWarning("Mollie refused {Path}: {Status} {Detail} {Field}", response.RequestMessage?.RequestUri?.AbsolutePath, status, exception.Detail, field);
        return exception;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Id(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    private sealed record Attempt(HttpClient Http, HttpMethod Method, string Path, string ApiKey, byte[]? Payload, string? IdempotencyKey)
    {
        // A request message cannot be sent twice, so every attempt builds its own, with the same key.
        public async ValueTask<HttpResponseMessage> SendAsync(CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(Method, Path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            if (IdempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", IdempotencyKey);
            }
            if (Payload is not null)
            {
                request.Content = new ByteArrayContent(Payload) { Headers = { ContentType = JsonContentType } };
            }
            return await Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
    }

    private sealed class QueryBuilder
    {
        private readonly StringBuilder _query = new();

        public QueryBuilder Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _query.Append(_query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }
            return this;
        }

        public override string ToString() => _query.ToString();
    }
}
