namespace InvoiceHub.Web.Features.Payments;

public static class OnlinePaymentsRegistration
{
    public static IServiceCollection AddOnlinePayments(this IServiceCollection services)
    {
        // Scoped: it holds a typed Mollie HttpClient, whose handler the factory rotates.
        services.AddScoped<OnlinePayments>();
        services.AddScoped<PaymentRefunds>();
        services.AddSingleton<PaymentViews>();
        services.AddSingleton<PaymentListQuery>();
        services.AddSingleton<PaymentDetailQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapOnlinePayments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/payments/export.csv", PaymentExport.HandleAsync).RequireAuthorization(Infrastructure.Security.Policies.Staff).ExcludeFromDescription();
        return endpoints.MapMollieWebhook();
    }
}
