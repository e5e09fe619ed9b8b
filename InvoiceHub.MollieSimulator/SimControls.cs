using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// The test controls under <c>_sim/</c>: what a tester does on Mollie's test pages (set a payment's status, move a
/// refund, charge back) plus fault switches, the webhook log and the lifecycle clock. Bodies may be JSON or form
/// fields; every refusal is a HAL problem, like the API's.
/// </summary>
internal static class SimControls
{
    public static void Map(SimRouteCatalog routes)
    {
        // changePaymentState: "status" = paid, failed, canceled, expired, authorized, pending or open.
        routes.Map("POST", "/_sim/payments/{id}/status", Handle(async (state, id, body, _) =>
        {
            var status = Json.Text(body, "status") ?? "";
            var change = await state.ChangeStatusAsync(id!, status);
            return change.Outcome switch
            {
                StatusChangeOutcome.NotFound => SimResponse.NotFound("payment", id!),
                StatusChangeOutcome.InvalidStatus => SimResponse.Problem(400, $"Unknown status '{status}'.", "status"),
                StatusChangeOutcome.AlreadyFinal => SimResponse.Problem(409, $"The payment is already {change.Payment!.Status}."),
                _ => Ok(new JsonObject { ["id"] = id, ["status"] = change.Payment!.Status }),
            };
        }));
        routes.Map("POST", "/_sim/payments/{id}/settle", Handle(async (state, id, _, _) =>
            await state.SettleRecurringPaymentAsync(id!) is { } status ? Ok(new JsonObject { ["id"] = id, ["status"] = status }) : SimResponse.Problem(409, "Not a pending recurring payment.")));
        routes.Map("POST", "/_sim/refunds/{id}/status", Handle(async (state, id, body, _) =>
        {
            var status = Json.Text(body, "status") ?? "";
            return await state.SetRefundStatusAsync(id!, status)
                ? Ok(new JsonObject { ["id"] = id, ["status"] = status })
                : SimResponse.Problem(409, $"Refund {id} is unknown, final, or '{status}' is not a refund status.");
        }));
        // A chargeback on a paid card or direct-debit payment: "amount" (value text, optional) charges back part of it.
        routes.Map("POST", "/_sim/payments/{id}/chargebacks", Handle(async (state, id, body, baseUrl) =>
        {
            decimal? amount = null;
            if (Json.Text(body, "amount") is { } text)
            {
                if (!decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    return SimResponse.Problem(422, "The amount contains an invalid value", "amount");
                }
                amount = value;
            }
            var (chargeback, problem) = await state.TryChargeBackAsync(id!, amount);
            return problem ?? SimResponse.Json(201, SimJson.Chargeback(chargeback!, baseUrl, null));
        }));
        routes.Map("POST", "/_sim/chargebacks/{id}/reverse", Handle(async (state, id, _, _) =>
            await state.ReverseChargebackAsync(id!) ? Ok(new JsonObject { ["id"] = id, ["reversed"] = true }) : SimResponse.Problem(409, $"Chargeback {id} is unknown or already reversed.")));
        routes.Map("POST", "/_sim/clock/run", Handle(async (state, _, _, _) => Ok(new JsonObject { ["steps"] = await state.RunDueLifecyclesAsync() })));
        routes.Map("GET", "/_sim/faults", Handle((state, _, _, _) => Task.FromResult(Ok(JsonSerializer.SerializeToNode(state.Faults.Current, JsonSerializerOptions.Web)!))));
        routes.Map("POST", "/_sim/faults", Handle((state, _, body, _) =>
        {
            FaultSettings? settings;
            try
            {
                settings = body.ValueKind == JsonValueKind.Object ? body.Deserialize<FaultSettings>(JsonSerializerOptions.Web) : null;
            }
            catch (JsonException ex)
            {
                return Task.FromResult(SimResponse.Problem(400, "The fault settings are invalid: " + ex.Message));
            }
            if (settings is null)
            {
                return Task.FromResult(SimResponse.Problem(400, "Send the fault settings as a JSON object."));
            }
            state.Faults.Apply(settings);
            return Task.FromResult(Ok(JsonSerializer.SerializeToNode(state.Faults.Current, JsonSerializerOptions.Web)!));
        }));
        routes.Map("DELETE", "/_sim/faults", Handle((state, _, _, _) =>
        {
            state.Faults.Reset();
            return Task.FromResult(SimResponse.NoContent());
        }));
        routes.Map("POST", "/_sim/reset", Handle((state, _, _, _) =>
        {
            state.Reset();
            return Task.FromResult(SimResponse.NoContent());
        }));
        routes.Map("GET", "/_sim/webhooks", Handle((state, _, _, _) => Task.FromResult(Ok(JsonSerializer.SerializeToNode(state.WebhookDeliveries, JsonSerializerOptions.Web)!))));
        routes.Map("GET", "/_sim/routes", Handle((state, _, _, _) =>
            Task.FromResult(Ok(new JsonArray(state.Routes.Select(r => (JsonNode?)new JsonObject { ["method"] = r.Method, ["template"] = r.Template }).ToArray())))));
    }

    private static SimResponse Ok(JsonNode body) => SimResponse.Json(200, body);

    private static RequestDelegate Handle(Func<MollieSimulatorState, string?, JsonElement, string, Task<SimResponse>> handler) => async context =>
    {
        var state = context.RequestServices.GetRequiredService<MollieSimulatorState>();
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var response = RequestBody.TryParse(context.Request, text, out var body)
            ?? await handler(state, context.Request.RouteValues["id"] as string, body, ApiPipeline.BaseUrl(context, state));
        await ApiPipeline.WriteAsync(context, response);
    };
}
