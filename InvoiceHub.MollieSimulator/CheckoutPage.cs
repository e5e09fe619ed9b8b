using System.Text;
using System.Text.Encodings.Web;
using InvoiceHub.MollieSimulator.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// The hosted checkout of test mode: pick a method when none was preset, pick the outcome Mollie's test page
/// offers for it, press Continue. The status is applied, the webhook sent, then the payer is redirected (303).
/// </summary>
internal static class CheckoutPage
{
    public static async Task ShowAsync(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<MollieSimulatorState>();
        var id = (string)context.Request.RouteValues["id"]!;
        var payment = state.CheckoutView(id);
        if (payment is null)
        {
            await WriteAsync(context, 404, "Payment not found", $"<p>No payment exists with token {Encode(id)}.</p>");
            return;
        }
        if (payment.Status != PaymentStatus.Open)
        {
            await WriteAsync(context, 200, "Payment " + payment.Status, Summary(payment) + $"<p data-testid=\"checkout-status\">This payment is {Encode(payment.Status)}.</p>" + BackLink(payment));
            return;
        }
        var method = PaymentMethod.Find(payment.Method ?? context.Request.Query["method"].ToString());
        var html = method is null || !method.Accepts(payment.Amount, payment.SequenceType)
            ? MethodForm(payment)
            : OutcomeForm(method, (context.Request.PathBase + context.Request.Path).ToString());
        await WriteAsync(context, 200, "Test payment", Summary(payment) + html);
    }

    public static async Task SubmitAsync(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<MollieSimulatorState>();
        var id = (string)context.Request.RouteValues["id"]!;
        if (!context.Request.HasFormContentType)
        {
            await WriteAsync(context, 415, "Send the form", "<p>The checkout takes the form this page shows (application/x-www-form-urlencoded).</p>");
            return;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var payment = state.CheckoutView(id);
        if (payment is null)
        {
            await WriteAsync(context, 404, "Payment not found", $"<p>No payment exists with token {Encode(id)}.</p>");
            return;
        }
        var method = PaymentMethod.Find(payment.Method ?? form["method"].ToString());
        var outcome = form["outcome"].ToString();
        if (method is null || !method.TestOutcomes.Contains(outcome))
        {
            await WriteAsync(context, 400, "Choose an outcome", $"<p>Choose one of the outcomes offered for this method.</p><p><a href=\"{Encode((context.Request.PathBase + context.Request.Path).ToString())}\">Back</a></p>");
            return;
        }
        var change = await state.ChangeStatusAsync(id, outcome, method.Id);
        if (change.Outcome == StatusChangeOutcome.AlreadyFinal)
        {
            await WriteAsync(context, 409, "Payment already final", $"<p data-testid=\"checkout-status\">This payment is already {Encode(change.Payment!.Status)}.</p>" + BackLink(payment));
            return;
        }
        var target = outcome == PaymentStatus.Canceled && payment.CancelUrl is not null ? payment.CancelUrl : payment.RedirectUrl;
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = target ?? (context.Request.PathBase + context.Request.Path).ToString();
    }

    private static string MethodForm(CheckoutView payment)
    {
        var html = new StringBuilder("<form method=\"get\"><fieldset><legend>Select a payment method</legend>");
        var first = true;
        foreach (var method in PaymentMethod.All.Where(m => m.Accepts(payment.Amount, payment.SequenceType) && (payment.AllowedMethods.Count == 0 || payment.AllowedMethods.Contains(m.Id))))
        {
            html.Append($"<label><input type=\"radio\" name=\"method\" value=\"{method.Id}\" data-testid=\"method-{method.Id}\"{(first ? " checked" : "")}> {Encode(method.Description)}</label><br>");
            first = false;
        }
        html.Append("</fieldset><button type=\"submit\" data-testid=\"checkout-continue\">Continue</button></form>");
        return html.ToString();
    }

    private static string OutcomeForm(PaymentMethod method, string action)
    {
        var html = new StringBuilder($"<form method=\"post\" action=\"{Encode(action)}\"><input type=\"hidden\" name=\"method\" value=\"{method.Id}\">");
        html.Append($"<fieldset><legend>{Encode(method.Description)}: choose the payment status</legend>");
        foreach (var outcome in method.TestOutcomes)
        {
            var label = char.ToUpperInvariant(outcome[0]) + outcome[1..];
            html.Append($"<label><input type=\"radio\" name=\"outcome\" value=\"{outcome}\" data-testid=\"outcome-{outcome}\"{(outcome == PaymentStatus.Paid ? " checked" : "")}> {label}</label><br>");
        }
        html.Append("</fieldset><button type=\"submit\" data-testid=\"checkout-continue\">Continue</button></form>");
        return html.ToString();
    }

    private static string Summary(CheckoutView payment) =>
        $"<p class=\"amount\" data-testid=\"checkout-amount\">{Encode(payment.Amount.Currency)} {Encode(payment.Amount.Text)}</p>" +
        $"<p class=\"description\" data-testid=\"checkout-description\">{Encode(payment.Description)}</p>";

    private static string BackLink(CheckoutView payment) =>
        payment.RedirectUrl is null ? "" : $"<p><a href=\"{Encode(payment.RedirectUrl)}\" data-testid=\"checkout-back\">Back to the website</a></p>";

    internal static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    internal static Task WriteAsync(HttpContext context, int status, string title, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mollie simulator: {Encode(title)}</title>" +
            "<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto}fieldset{margin:1rem 0}label{line-height:2}</style></head>" +
            $"<body><h1>Mollie test mode (simulator)</h1>{body}</body></html>",
            context.RequestAborted);
    }
}

/// <summary>What the checkout page shows of a payment, copied under the state's lock.</summary>
internal sealed record CheckoutView(string Id, SimAmount Amount, string Description, string Status, string? Method, string SequenceType, string? RedirectUrl, string? CancelUrl, IReadOnlyList<string> AllowedMethods);
