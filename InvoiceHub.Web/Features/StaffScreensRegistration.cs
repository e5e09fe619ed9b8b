using InvoiceHub.Web.Features.Invoices;

namespace InvoiceHub.Web.Features;

/// <summary>The staff back-office screens' read queries and the document endpoints they link to (the PDFs).</summary>
public static class StaffScreensRegistration
{
    public static IServiceCollection AddStaffScreens(this IServiceCollection services)
    {
        services.AddMoneyCore();
        services.AddSingleton<InvoiceDetailQuery>();
        services.AddScoped<SaveDraftInvoice>();
        return services;
    }
}
