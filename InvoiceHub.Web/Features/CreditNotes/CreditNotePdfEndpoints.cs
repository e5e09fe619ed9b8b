using System.Globalization;
using System.Security.Claims;
using InvoiceHub.Web.Infrastructure.Security;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>The credit note PDF for staff, the client it was issued to (anyone else gets 404, never a hint it exists) and the API.</summary>
public static class CreditNotePdfEndpoints
{
    public static WebApplication MapCreditNotePdfs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin/credit-notes/{id:int}/pdf", async (int id, CreditNotePdf pdf, CancellationToken ct) =>
                FileOrNull(await pdf.RenderAsync(id, clientId: null, ct)) ?? Results.NotFound())
            .RequireAuthorization(Policies.Staff)
            .ExcludeFromDescription();

        app.MapGet("/portal/credit-notes/{id:int}/pdf", async (int id, HttpContext http, CreditNotePdf pdf, CancellationToken ct) =>
                ClientIdOf(http.User) is { } clientId ? FileOrNull(await pdf.RenderAsync(id, clientId, ct)) ?? Results.NotFound() : Results.NotFound())
            .RequireAuthorization(Policies.Client)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The API's variant: <c>GET /api/v1/credit-notes/{id}/pdf</c> with a staff key.</summary>
    public static async Task<IResult> ApiPdfAsync(int id, CreditNotePdf pdf, CancellationToken ct) =>
        FileOrNull(await pdf.RenderAsync(id, clientId: null, ct)) ?? Api.ApiErrors.NotFound("credit note", id);

    /// <summary>The signed-in client's id, from the claim the portal's sign-in gives.</summary>
    public static int? ClientIdOf(ClaimsPrincipal user) =>
        int.TryParse(user?.FindFirstValue(InvoiceHubClaims.ClientId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static IResult? FileOrNull((byte[] Content, string FileName)? rendered) =>
        rendered is { } r ? Results.File(r.Content, "application/pdf", r.FileName) : null;
}
