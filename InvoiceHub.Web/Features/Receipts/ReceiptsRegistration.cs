using System.Globalization;
using System.Security.Claims;
using InvoiceHub.Web.Features.Api;
using InvoiceHub.Web.Features.Statements;
using InvoiceHub.Web.Infrastructure.Security;
using InvoiceHub.Web.Integrations.Email;

namespace InvoiceHub.Web.Features.Receipts;

/// <summary>
/// Receipts and client statements: the handlers, the statement's sources (one per kind of happening; credit notes add
/// one more), and the downloads for staff, the client who owns them (anyone else gets 404) and the API.
/// </summary>
public static class ReceiptsRegistration
{
    public static IServiceCollection AddReceiptsAndStatements(this IServiceCollection services)
    {
        services.AddSingleton<Pdf.PdfLetterhead>();
        services.AddSingleton<PaymentReceipts>();
        services.AddSingleton<IOutboxAttachmentRenderer>(sp => sp.GetRequiredService<PaymentReceipts>());
        services.AddSingleton<DocumentReceipts>();
        services.AddSingleton<ClientStatements>();
        services.AddSingleton<IStatementSource, InvoiceEntries>();
        services.AddSingleton<IStatementSource, CreditNoteEntries>();
        services.AddSingleton<IStatementSource, CreditRequestEntries>();
        services.AddSingleton<IStatementSource, PaymentEntries>();
        services.AddSingleton<IStatementSource, RefundEntries>();
        services.AddSingleton<IStatementSource, ChargebackEntries>();
        services.AddSingleton<IStatementSource, BalanceEntries>();
        return services;
    }

    public static WebApplication MapReceiptsAndStatements(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin/payments/{id:int}/receipt", (int id, PaymentReceipts receipts, CancellationToken ct) => ReceiptAsync(receipts, id, null, ct))
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapGet("/portal/payments/{id:int}/receipt", (int id, HttpContext http, PaymentReceipts receipts, CancellationToken ct) =>
                ClientIdOf(http) is { } clientId ? ReceiptAsync(receipts, id, clientId, ct) : Task.FromResult(Results.NotFound()))
            .RequireAuthorization(Policies.Client).ExcludeFromDescription();
        app.MapGet("/admin/clients/{id:int}/statement/pdf", (int id, DateOnly? from, DateOnly? to, ClientStatements statements, CancellationToken ct) =>
                StatementAsync(statements, id, from, to, ct))
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapGet("/portal/statement/pdf", (DateOnly? from, DateOnly? to, HttpContext http, ClientStatements statements, CancellationToken ct) =>
                ClientIdOf(http) is { } clientId ? StatementAsync(statements, clientId, from, to, ct) : Task.FromResult(Results.NotFound()))
            .RequireAuthorization(Policies.Client).ExcludeFromDescription();
        return app;
    }

    /// <summary><c>GET /api/v1/payments/{id}/receipt</c>: the PDF with a staff key.</summary>
    public static RouteGroupBuilder MapReceiptsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/payments/{id:int}/receipt", async (int id, PaymentReceipts receipts, CancellationToken ct) =>
                await receipts.RenderAsync(id, cancellationToken: ct) is { } r
                    ? Results.File(r.Content, "application/pdf", r.Model.FileName)
                    : ApiErrors.NotFound("settled payment", id))
            .WithTags("Payments")
            .WithName("GetPaymentReceipt")
            .WithSummary("Download the receipt of a settled payment as PDF")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api.MapStatementsApi();
    }

    private static async Task<IResult> ReceiptAsync(PaymentReceipts receipts, int id, int? clientId, CancellationToken ct) =>
        await receipts.RenderAsync(id, clientId, ct) is { } r ? Results.File(r.Content, "application/pdf", r.Model.FileName) : Results.NotFound();

    private static async Task<IResult> StatementAsync(ClientStatements statements, int clientId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (start, end) = StatementsApi.Period(statements, from, to);
        if (end < start || end.DayNumber - start.DayNumber > ClientStatement.MaxDays)
        {
            return Results.Problem("Choose a period that ends on or after its start and spans at most ten years.", statusCode: StatusCodes.Status400BadRequest, title: "The period is not valid");
        }
        return await statements.RenderAsync(clientId, start, end, ct) is { } r ? Results.File(r.Content, "application/pdf", r.Statement.FileName) : Results.NotFound();
    }

    private static int? ClientIdOf(HttpContext http) =>
        int.TryParse(http.User.FindFirstValue(InvoiceHubClaims.ClientId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
