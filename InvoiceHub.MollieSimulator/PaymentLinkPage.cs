using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// The page behind a payment link's <c>_links.paymentLink</c>: a link with an amount starts a payment at once and
/// sends the payer to the checkout (303); a link without one asks for the amount first.
/// </summary>
internal static class PaymentLinkPage
{
    public static async Task ShowAsync(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<MollieSimulatorState>();
        var id = (string)context.Request.RouteValues["id"]!;
        if (state.PaymentLinkNeedsAmount(id))
        {
            await CheckoutPage.WriteAsync(context, 200, "Payment link",
                "<form method=\"post\"><label for=\"amount\">Amount (EUR)</label> <input id=\"amount\" name=\"amount\" data-testid=\"link-amount\" inputmode=\"decimal\" placeholder=\"10.00\">" +
                "<button type=\"submit\" data-testid=\"link-continue\">Continue</button></form>");
            return;
        }
        await StartAsync(context, state, id, null);
    }

    public static async Task SubmitAsync(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<MollieSimulatorState>();
        var id = (string)context.Request.RouteValues["id"]!;
        var amount = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["amount"].ToString() : null;
        await StartAsync(context, state, id, amount);
    }

    private static async Task StartAsync(HttpContext context, MollieSimulatorState state, string id, string? amount)
    {
        var (checkout, refusal) = state.PayPaymentLink(id, amount, ApiPipeline.BaseUrl(context, state));
        if (checkout is null)
        {
            await CheckoutPage.WriteAsync(context, refusal!.StartsWith("No payment link", StringComparison.Ordinal) ? 404 : 410, "Payment link", $"<p data-testid=\"link-status\">{CheckoutPage.Encode(refusal)}</p>");
            return;
        }
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = checkout;
    }
}
