using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.MollieSimulator;

/// <summary>What an API handler gets: the request, its JSON body (Undefined when empty) and the simulator's base URL.</summary>
internal sealed record ApiCall(HttpContext Http, JsonElement Body, string BaseUrl)
{
    public string Route(string name) => (string)Http.Request.RouteValues[name]!;

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The comma-separated values of <c>embed</c> or <c>include</c>, e.g. <c>embed=refunds,chargebacks</c>.</summary>
    public IReadOnlySet<string> QueryList(string name) =>
        (Query(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>The <c>from</c>, <c>limit</c> and <c>sort</c> of a list request.</summary>
    public PageRequest Page => new(Query("from"), Query("limit"), Query("sort"), $"{Http.Request.Scheme}://{Http.Request.Host}{Http.Request.PathBase}{Http.Request.Path}", Http.Request.QueryString.ToString());
}

/// <summary>
/// Runs every <c>/v2</c> call through what Mollie's edge does: fault switches (5xx, 429, slow answers), bearer
/// key check, Idempotency-Key replay, then the handler; writes the answer as HAL JSON.
/// </summary>
internal static class ApiPipeline
{
    public static RequestDelegate Handle(Func<MollieSimulatorState, ApiCall, SimResponse> handler) =>
        Handle((state, call) => Task.FromResult(handler(state, call)));

    public static RequestDelegate Handle(Func<MollieSimulatorState, ApiCall, Task<SimResponse>> handler) => async context =>
    {
        var state = context.RequestServices.GetRequiredService<MollieSimulatorState>();
        var fault = state.Faults.TakeApiFault();
        if (fault?.Status is { } faultStatus)
        {
            await WriteAsync(context, FaultResponse(faultStatus, fault.RetryAfter));
            return;
        }

        var response = await AuthenticateAsync(context) ?? await RunAsync(context, state, handler);

        if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up waiting; the work is done and is kept for an idempotent retry.
                return;
            }
        }
        await WriteAsync(context, response);
    };

    private static async Task<SimResponse> RunAsync(HttpContext context, MollieSimulatorState state, Func<MollieSimulatorState, ApiCall, Task<SimResponse>> handler)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        if (RequestBody.TryParse(context.Request, text, out var body) is { } refused)
        {
            return refused;
        }
        var call = new ApiCall(context, body, BaseUrl(context, state));

        var key = HttpMethods.IsPost(context.Request.Method) ? context.Request.Headers["Idempotency-Key"].ToString() : "";
        if (key.Length == 0)
        {
            return await handler(state, call);
        }
        var fingerprint = $"{context.Request.Method} {context.Request.Path}\n{text}";
        if (state.Idempotency.Begin(key, fingerprint) is { } replay)
        {
            return replay;
        }
        try
        {
            var response = await handler(state, call);
            state.Idempotency.Complete(key, response);
            return response;
        }
        catch
        {
            state.Idempotency.Abandon(key);
            throw;
        }
    }

    /// <summary>Any <c>test_</c> or <c>live_</c> key is accepted; the simulator has one account.</summary>
    private static Task<SimResponse?> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        var key = header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : "";
        var valid = key.Length > 5 && (key.StartsWith("test_", StringComparison.Ordinal) || key.StartsWith("live_", StringComparison.Ordinal));
        return Task.FromResult(valid ? null : SimResponse.Problem(401, "Missing authentication, or failed to authenticate"));
    }

    private static SimResponse FaultResponse(int status, TimeSpan? retryAfter)
    {
        if (status == 429)
        {
            var seconds = ((int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return SimResponse.Problem(429, "You have exceeded the rate limit. Please try again later.", headers: new Dictionary<string, string> { ["Retry-After"] = seconds });
        }
        return SimResponse.Problem(status, "The Mollie API is temporarily unavailable (simulated fault).");
    }

    internal static string BaseUrl(HttpContext context, MollieSimulatorState state) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{state.Prefix}";

    internal static async Task WriteAsync(HttpContext context, SimResponse response)
    {
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        if (response.Body is not null)
        {
            context.Response.ContentType = SimResponse.ContentType;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }
}
