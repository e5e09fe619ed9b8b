using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using InvoiceHub.MollieSimulator.Model;
using InvoiceHub.MollieSimulator.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// The hosted checkout of test mode: pick a method when none was preset, pick the outcome Mollie's test page
/// offers for it, press Continue. The status is applied, the webhook sent, then the payer is redirected (303).
/// Like Mollie's pages it speaks the payment's <c>locale</c>, else the browser's language (English, Spanish or Dutch;
/// the other locales Mollie accepts read English here).
/// </summary>
internal static class CheckoutPage
{
    public static async Task ShowAsync(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<MollieSimulatorState>();
        var id = (string)context.Request.RouteValues["id"]!;
        var payment = state.CheckoutView(id);
        var language = CheckoutLanguage.Of(payment?.Locale, context.Request.Headers.AcceptLanguage);
        if (payment is null)
        {
            await WriteAsync(context, 404, language.Text(nameof(CheckoutText.TitlePaymentNotFound)), $"<p>{Encode(language.Text(nameof(CheckoutText.NoPaymentWithToken), id))}</p>", language);
            return;
        }
        if (payment.Status != PaymentStatus.Open)
        {
            await WriteAsync(context, 200, language.Text(nameof(CheckoutText.TitlePaymentStatus), language.Status(payment.Status)),
                Summary(payment) + $"<p data-testid=\"checkout-status\">{Encode(language.Text(nameof(CheckoutText.PaymentIs), language.Status(payment.Status)))}</p>" + BackLink(payment, language), language);
            return;
        }
        var method = PaymentMethod.Find(payment.Method ?? context.Request.Query["method"].ToString());
        var html = method is null || !method.Accepts(payment.Amount, payment.SequenceType)
            ? MethodForm(payment, language)
            : OutcomeForm(method, (context.Request.PathBase + context.Request.Path).ToString(), payment.Locale, language);
        await WriteAsync(context, 200, language.Text(nameof(CheckoutText.TitleTestPayment)), Summary(payment) + html, language);
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
        var language = CheckoutLanguage.Of(payment?.Locale, context.Request.Headers.AcceptLanguage);
        if (payment is null)
        {
            await WriteAsync(context, 404, language.Text(nameof(CheckoutText.TitlePaymentNotFound)), $"<p>{Encode(language.Text(nameof(CheckoutText.NoPaymentWithToken), id))}</p>", language);
            return;
        }
        var method = PaymentMethod.Find(payment.Method ?? form["method"].ToString());
        var outcome = form["outcome"].ToString();
        if (method is null || !method.TestOutcomes.Contains(outcome))
        {
            await WriteAsync(context, 400, language.Text(nameof(CheckoutText.TitleChooseOutcome)),
                $"<p>{Encode(language.Text(nameof(CheckoutText.ChooseOfferedOutcome)))}</p><p><a href=\"{Encode((context.Request.PathBase + context.Request.Path).ToString())}\">{Encode(language.Text(nameof(CheckoutText.Back)))}</a></p>", language);
            return;
        }
        var change = await state.ChangeStatusAsync(id, outcome, method.Id);
        if (change.Outcome == StatusChangeOutcome.AlreadyFinal)
        {
            await WriteAsync(context, 409, language.Text(nameof(CheckoutText.TitleAlreadyFinal)),
                $"<p data-testid=\"checkout-status\">{Encode(language.Text(nameof(CheckoutText.PaymentIsAlready), language.Status(change.Payment!.Status)))}</p>" + BackLink(payment, language), language);
            return;
        }
        var target = outcome == PaymentStatus.Canceled && payment.CancelUrl is not null ? payment.CancelUrl : payment.RedirectUrl;
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = target ?? (context.Request.PathBase + context.Request.Path).ToString();
    }

    private static string MethodForm(CheckoutView payment, CheckoutLanguage language)
    {
        var html = new StringBuilder($"<form method=\"get\"><fieldset><legend>{Encode(language.Text(nameof(CheckoutText.SelectMethod)))}</legend>");
        var first = true;
        foreach (var method in PaymentMethod.All.Where(m => m.Accepts(payment.Amount, payment.SequenceType) && (payment.AllowedMethods.Count == 0 || payment.AllowedMethods.Contains(m.Id))))
        {
            html.Append($"<label><input type=\"radio\" name=\"method\" value=\"{method.Id}\" data-testid=\"method-{method.Id}\"{(first ? " checked" : "")}> {Encode(MethodsList.DescriptionIn(method, payment.Locale))}</label><br>");
            first = false;
        }
        html.Append($"</fieldset><button type=\"submit\" data-testid=\"checkout-continue\">{Encode(language.Text(nameof(CheckoutText.Continue)))}</button></form>");
        return html.ToString();
    }

    private static string OutcomeForm(PaymentMethod method, string action, string? locale, CheckoutLanguage language)
    {
        var html = new StringBuilder($"<form method=\"post\" action=\"{Encode(action)}\"><input type=\"hidden\" name=\"method\" value=\"{method.Id}\">");
        html.Append($"<fieldset><legend>{Encode(language.Text(nameof(CheckoutText.ChooseStatus), MethodsList.DescriptionIn(method, locale)))}</legend>");
        foreach (var outcome in method.TestOutcomes)
        {
            var label = Encode(language.Capitalized(language.Status(outcome)));
            html.Append($"<label><input type=\"radio\" name=\"outcome\" value=\"{outcome}\" data-testid=\"outcome-{outcome}\"{(outcome == PaymentStatus.Paid ? " checked" : "")}> {label}</label><br>");
        }
        html.Append($"</fieldset><button type=\"submit\" data-testid=\"checkout-continue\">{Encode(language.Text(nameof(CheckoutText.Continue)))}</button></form>");
        return html.ToString();
    }

    private static string Summary(CheckoutView payment) =>
        $"<p class=\"amount\" data-testid=\"checkout-amount\">{Encode(payment.Amount.Currency)} {Encode(payment.Amount.Text)}</p>" +
        $"<p class=\"description\" data-testid=\"checkout-description\">{Encode(payment.Description)}</p>";

    private static string BackLink(CheckoutView payment, CheckoutLanguage language) =>
        payment.RedirectUrl is null ? "" : $"<p><a href=\"{Encode(payment.RedirectUrl)}\" data-testid=\"checkout-back\">{Encode(language.Text(nameof(CheckoutText.BackToWebsite)))}</a></p>";

    /// <summary>Letters of every language stay readable in the page ("método"); markup characters are escaped.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    internal static string Encode(string value) => Encoder.Encode(value);

    internal static Task WriteAsync(HttpContext context, int status, string title, string body, CheckoutLanguage? language = null)
    {
        language ??= CheckoutLanguage.English;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentLanguage = language.Code;
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{language.Code}\"><head><meta charset=\"utf-8\"><title>Mollie simulator: {Encode(title)}</title>" +
            "<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto}fieldset{margin:1rem 0}label{line-height:2}</style></head>" +
            $"<body><h1>{Encode(language.Text(nameof(CheckoutText.Heading)))}</h1>{body}</body></html>",
            context.RequestAborted);
    }
}

/// <summary>What the checkout page shows of a payment, copied under the state's lock.</summary>
internal sealed record CheckoutView(string Id, SimAmount Amount, string Description, string Status, string? Method, string SequenceType, string? RedirectUrl, string? CancelUrl, IReadOnlyList<string> AllowedMethods, string? Locale);
