using System.Security.Claims;
using InvoiceHub.Web.Infrastructure.Security;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>The invoice PDF for staff, the client who owns the invoice and the holder of its payment link (anyone else gets 404, never a hint it exists).</summary>
public static class InvoicePdfEndpoints
{
    public static WebApplication MapInvoicePdfs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin/invoices/{id:int}/pdf", async (int id, HttpContext http, InvoicePdf pdf, CancellationToken ct) =>
                await PdfResultAsync(pdf, id, http, clientId: null, ct) ?? Results.NotFound())
            .RequireAuthorization(Policies.Staff)
            .ExcludeFromDescription();

        app.MapGet("/portal/invoices/{id:int}/pdf", async (int id, HttpContext http, InvoicePdf pdf, CancellationToken ct) =>
                int.TryParse(http.User.FindFirstValue(InvoiceHubClaims.ClientId), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var clientId)
                    ? await PdfResultAsync(pdf, id, http, clientId, ct) ?? Results.NotFound()
                    : Results.NotFound())
            .RequireAuthorization(Policies.Client)
            .ExcludeFromDescription();

        // Whoever holds an invoice's payment link reads its PDF, as they read its page (rate-limited with /pay).
        app.MapGet(PaymentLinks.PaymentLinks.PathPrefix + "{token}/pdf", async (string token, HttpContext http, InvoicePdf pdf, PaymentLinks.PaymentLinks links, CancellationToken ct) =>
            {
                var link = await links.ResolveAsync(token, ct);
                if (link is not { State: PaymentLinks.PaymentLinkState.Valid or PaymentLinks.PaymentLinkState.Settled, Kind: PayableKind.Invoice, DocumentId: { } id })
                {
                    return Results.NotFound();
                }
                var url = new Uri(PaymentLinks.PaymentLinks.BaseUriOf(http.Request), PaymentLinks.PaymentLinks.PathOf(token)).ToString();
                var rendered = await pdf.RenderAsync(id, _ => Task.FromResult(url), link.ClientId, ct);
                return rendered is { } r ? Results.File(r.Content, "application/pdf", r.FileName) : Results.NotFound();
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The API's variant: <c>GET /api/v1/invoices/{id}/pdf</c> with a staff key.</summary>
    public static async Task<IResult> ApiPdfAsync(int id, HttpContext http, InvoicePdf pdf, CancellationToken ct) =>
        await PdfResultAsync(pdf, id, http, clientId: null, ct) ?? Api.ApiErrors.NotFound("invoice", id);

    /// <summary>The PDF with a payment link of its own (one that does not extend the document's expiry, as an email's would).</summary>
    private static async Task<IResult?> PdfResultAsync(InvoicePdf pdf, int id, HttpContext http, int? clientId, CancellationToken ct)
    {
        var links = http.RequestServices.GetRequiredService<PaymentLinks.PaymentLinks>();
        var rendered = await pdf.RenderAsync(id, linkCt => links.CreateSavedAsync(PayableKind.Invoice, id, PaymentLinks.PaymentLinks.BaseUriOf(http.Request), linkCt), clientId, ct);
        return rendered is { } r ? Results.File(r.Content, "application/pdf", r.FileName) : null;
    }
}
