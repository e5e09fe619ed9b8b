namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>Credit notes' handlers and queries (docs/decisions/0023).</summary>
public static class CreditNotesRegistration
{
    public static IServiceCollection AddCreditNotes(this IServiceCollection services)
    {
        services.AddSingleton<IssueCreditNote>();
        services.AddSingleton<GetCreditNote>();
        return services;
    }
}
