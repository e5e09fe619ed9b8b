namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>Credit notes' handlers and queries (docs/decisions/0023).</summary>
public static class CreditNotesRegistration
{
    public static IServiceCollection AddCreditNotes(this IServiceCollection services)
    {
        services.AddSingleton<IssueCreditNote>();
        services.AddSingleton<GetCreditNote>();
        services.AddSingleton<CreditNotePdf>();
        return services;
    }

    /// <summary>The pages' downloads outside the API (<see cref="CreditNotePdfEndpoints"/>).</summary>
    public static WebApplication MapCreditNotes(this WebApplication app) => app.MapCreditNotePdfs();
}
