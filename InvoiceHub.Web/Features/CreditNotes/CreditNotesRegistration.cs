namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>Credit notes' handlers and queries (docs/decisions/0023).</summary>
public static class CreditNotesRegistration
{
    public static IServiceCollection AddCreditNotes(this IServiceCollection services)
    {
        services.AddSingleton<IssueCreditNote>();
        services.AddSingleton<GetCreditNote>();
        services.AddSingleton<CreditNotePdf>();
        services.AddSingleton<CreditNoteListQuery>();
        return services;
    }

    /// <summary>The pages' downloads outside the API: the list as CSV and the PDFs (<see cref="CreditNotePdfEndpoints"/>).</summary>
    public static WebApplication MapCreditNotes(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin/credit-notes/export.csv", CreditNoteExport.HandleAsync).RequireAuthorization(Infrastructure.Security.Policies.Staff).ExcludeFromDescription();
        return app.MapCreditNotePdfs();
    }
}
