using Microsoft.AspNetCore.Authorization;

namespace InvoiceHub.Web.Features.Api;

/// <summary>
/// Calls of the API contract whose features are still being built (online payments): they are
/// routed, authorised and documented now and answer 501 with the reason, so clients can see the whole contract.
/// </summary>
public static class PendingApi
{
    public static RouteGroupBuilder MapPendingApi(this RouteGroupBuilder api, AuthorizationPolicy adminOnly)
    {
        // Public: Mollie calls it without a key. It answers 200 whatever the body (unknown ids are ignored).
        api.MapPost("/webhooks/mollie", () => TypedResults.Ok())
            .AllowAnonymous()
            .WithTags("Webhooks")
            .WithName("MollieWebhook")
            .WithSummary("Mollie payment webhook (public; form id=tr_…; always 200)")
            .Produces(StatusCodes.Status200OK);
        return api;
    }
}
