using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InvoiceHub.MollieSimulator;

public static class MollieSimulatorEndpoints
{
    /// <summary>Registers the simulator's state (a singleton) and the HttpClient its webhooks go out on.</summary>
    public static IServiceCollection AddMollieSimulator(this IServiceCollection services, Action<MollieSimulatorOptions>? configure = null)
    {
        var options = new MollieSimulatorOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddSingleton<MollieSimulatorState>();
        return services;
    }

    /// <summary>
    /// Maps the simulator under <paramref name="prefix"/>: Mollie's API at <c>{prefix}/v2/…</c>, the hosted checkout at
    /// <c>{prefix}/checkout/{id}</c> and the test controls at <c>{prefix}/_sim/…</c>.
    /// </summary>
    public static RouteGroupBuilder MapMollieSimulator(this IEndpointRouteBuilder endpoints, string prefix = "/mollie-simulator")
    {
        var normalized = prefix.TrimEnd('/');
        endpoints.ServiceProvider.GetRequiredService<MollieSimulatorState>().Prefix = normalized;
        var root = endpoints.MapGroup(normalized.Length == 0 ? "/" : normalized).ExcludeFromDescription();

        MapApi(root.MapGroup("/v2"));
        root.MapGet("/checkout/{id}", CheckoutPage.ShowAsync);
        root.MapPost("/checkout/{id}", CheckoutPage.SubmitAsync);
        MapControls(root.MapGroup("/_sim"));
        return root;
    }

    private static void MapApi(RouteGroupBuilder api)
    {
        api.MapPost("/payments", ApiPipeline.Handle((s, c) => s.CreatePayment(c.Body, c.BaseUrl)));
        api.MapGet("/payments", ApiPipeline.Handle((s, c) => s.ListPayments(c.Query("from"), c.Query("limit"), c.BaseUrl)));
        api.MapGet("/payments/{id}", ApiPipeline.Handle((s, c) => s.GetPayment(c.Route("id"), c.BaseUrl)));
        api.MapDelete("/payments/{id}", ApiPipeline.Handle((s, c) => s.CancelPaymentAsync(c.Route("id"), c.BaseUrl)));
        api.MapPost("/payments/{id}/refunds", ApiPipeline.Handle((s, c) => s.CreateRefund(c.Route("id"), c.Body, c.BaseUrl)));
        api.MapGet("/payments/{id}/refunds", ApiPipeline.Handle((s, c) => s.ListRefunds(c.Route("id"), c.BaseUrl)));
        api.MapGet("/methods", ApiPipeline.Handle((_, c) => MethodsList.Answer(c)));
        api.MapPost("/customers", ApiPipeline.Handle((s, c) => s.CreateCustomer(c.Body, c.BaseUrl)));
        api.MapGet("/customers/{id}", ApiPipeline.Handle((s, c) => s.GetCustomer(c.Route("id"), c.BaseUrl)));
        api.MapPost("/customers/{id}/mandates", ApiPipeline.Handle((s, c) => s.CreateMandate(c.Route("id"), c.Body, c.BaseUrl)));
        api.MapGet("/customers/{id}/mandates", ApiPipeline.Handle((s, c) => s.ListMandates(c.Route("id"), c.BaseUrl)));
        api.MapGet("/customers/{id}/mandates/{mandateId}", ApiPipeline.Handle((s, c) => s.GetMandate(c.Route("id"), c.Route("mandateId"), c.BaseUrl)));
        api.MapDelete("/customers/{id}/mandates/{mandateId}", ApiPipeline.Handle((s, c) => s.RevokeMandate(c.Route("id"), c.Route("mandateId"))));
    }

    private static void MapControls(RouteGroupBuilder controls)
    {
        // changePaymentState: form or JSON "status" (paid, failed, canceled, expired, authorized, pending, open).
        controls.MapPost("/payments/{id}/status", async (HttpContext context, string id, MollieSimulatorState state) =>
        {
            var status = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync(context.RequestAborted))["status"].ToString()
                : (await context.Request.ReadFromJsonAsync<StatusRequest>(context.RequestAborted))?.Status ?? "";
            var change = await state.ChangeStatusAsync(id, status);
            return change.Outcome switch
            {
                StatusChangeOutcome.NotFound => Results.NotFound(new { detail = $"No payment exists with token {id}." }),
                StatusChangeOutcome.InvalidStatus => Results.BadRequest(new { detail = $"Unknown status '{status}'." }),
                StatusChangeOutcome.AlreadyFinal => Results.Conflict(new { detail = $"The payment is already {change.Payment!.Status}." }),
                _ => Results.Ok(new { id, status = change.Payment!.Status }),
            };
        }).DisableAntiforgery();
        controls.MapPost("/refunds/{id}/status", async (string id, StatusRequest body, MollieSimulatorState state) =>
            await state.SetRefundStatusAsync(id, body.Status ?? "") ? Results.Ok(new { id, status = body.Status }) : Results.Conflict(new { detail = $"Refund {id} is unknown, final, or '{body.Status}' is not a refund status." }));
        controls.MapPost("/payments/{id}/settle", async (string id, MollieSimulatorState state) =>
            await state.SettleRecurringPaymentAsync(id) is { } status ? Results.Ok(new { id, status }) : Results.Conflict(new { detail = "Not a pending recurring payment." }));
        controls.MapGet("/faults", (MollieSimulatorState state) => Results.Ok(state.Faults.Current));
        controls.MapPost("/faults", (FaultSettings settings, MollieSimulatorState state) =>
        {
            state.Faults.Apply(settings);
            return Results.Ok(state.Faults.Current);
        });
        controls.MapDelete("/faults", (MollieSimulatorState state) =>
        {
            state.Faults.Reset();
            return Results.NoContent();
        });
        controls.MapPost("/reset", (MollieSimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
        controls.MapGet("/webhooks", (MollieSimulatorState state) => Results.Json(state.WebhookDeliveries, JsonSerializerOptions.Web));
    }

    private sealed record StatusRequest(string? Status);
}
