using System.Net;
using InvoiceHub.Web.Integrations.Email;

namespace InvoiceHub.Web.Features.PaymentLinks;

/// <summary>The emails that carry a payment link. HTML bodies hold only encoded values.</summary>
public static class PaymentLinkEmails
{
    public const string FreshLinkKind = "payment-link";
    public const string PaymentRequestKind = "payment-request";

    public static EmailMessage FreshLink(string to, string clientName, string number, string url, string deduplicationKey) =>
        new(to,
            $"Your payment link for {number}",
            $"<p>Dear {WebUtility.HtmlEncode(clientName)},</p><p>Here is a fresh link to view and pay {WebUtility.HtmlEncode(number)}:</p>" +
            $"<p><a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a></p>",
            $"Dear {clientName},\n\nHere is a fresh link to view and pay {number}:\n{url}\n",
            FreshLinkKind,
            deduplicationKey);

    public static EmailMessage PaymentRequest(string to, string clientName, string number, string amount, string url, string deduplicationKey) =>
        new(to,
            $"Payment request for {number}",
            $"<p>Dear {WebUtility.HtmlEncode(clientName)},</p><p>{WebUtility.HtmlEncode(number)} has {WebUtility.HtmlEncode(amount)} still to pay.</p>" +
            $"<p><a href=\"{WebUtility.HtmlEncode(url)}\">Pay Now</a></p>",
            $"Dear {clientName},\n\n{number} has {amount} still to pay. Pay Now: {url}\n",
            PaymentRequestKind,
            deduplicationKey);
}
