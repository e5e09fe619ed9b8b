namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// Mollie's webhook: a form post of <c>id=tr_…</c> and nothing else worth trusting. The payment is fetched
/// from Mollie and synced. The answer is always an empty 200: Mollie learns nothing about which ids exist,
/// and a failure here is caught up by the return page and reconciliation rather than by Mollie's retries.
/// </summary>
public static class MollieWebhookApi
{
    public const string EndpointName = "MollieWebhook";

    private static readonly TimeSpan ProcessingBudget = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapMollieWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(PaymentPaths.Webhook, HandleAsync)
            .WithName(EndpointName)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Webhooks")
            .WithSummary("Mollie payment webhook (public; form id=tr_…; always 200)")
            .Produces(StatusCodes.Status200OK);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, SettleMolliePayment payments, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(MollieWebhookApi));
        try
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.Ok();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var id = form["id"].ToString();
            using var budget = new CancellationTokenSource(ProcessingBudget);
            await payments.SyncAsync(id, budget.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Mollie webhook could not be processed now; the return page or reconciliation will catch up");
        }

        return Results.Ok();
    }
}
