using InvoiceHub.Web.Features.Invoices;

namespace InvoiceHub.Web.Features;

/// <summary>The staff back-office screens' read queries and the document endpoints they link to (the PDFs).</summary>
public static class StaffScreensRegistration
{
    public static IServiceCollection AddStaffScreens(this IServiceCollection services)
    {
        services.AddScoped<Clients.ClientInvites>();
        services.Configure<Microsoft.AspNetCore.Identity.DataProtectionTokenProviderOptions>(o => o.TokenLifespan = Clients.ClientInvites.TokenLifespan);
        services.AddSingleton<InvoiceDetailQuery>();
        services.AddSingleton<Clients.ClientDetailQuery>();
        services.AddSingleton<SaveDraftInvoice>();
        services.AddSingleton<InvoicePdf>();
        services.AddSingleton<SendInvoice>();
        services.AddSingleton<CreditRequests.CreditRequestListQuery>();
        services.AddSingleton<CreditRequests.CreditRequestDetailQuery>();
        return services;
    }

    public static WebApplication MapStaffScreens(this WebApplication app)
    {
        app.MapInvoicePdfs();
        Jobs.EmailDelivery.MailboxAttachments.MapMailboxAttachments(app);
        app.MapGet("/" + Integrations.Email.EmailBranding.LogoPath, Settings.CompanyLetterhead.ServeLogoAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/admin/invoices/export.csv", InvoiceExport.HandleAsync).RequireAuthorization(Infrastructure.Security.Policies.Staff).ExcludeFromDescription();
        app.MapGet("/admin/credit-requests/export.csv", CreditRequests.CreditRequestExport.HandleAsync).RequireAuthorization(Infrastructure.Security.Policies.Staff).ExcludeFromDescription();
        app.MapGet("/admin/clients/export.csv", Clients.ClientExport.HandleAsync).RequireAuthorization(Infrastructure.Security.Policies.Staff).ExcludeFromDescription();
        return app;
    }
}
