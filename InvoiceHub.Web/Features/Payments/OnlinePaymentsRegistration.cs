namespace InvoiceHub.Web.Features.Payments;

public static class OnlinePaymentsRegistration
{
    public static IServiceCollection AddOnlinePayments(this IServiceCollection services)
    {
        // Singletons: they open a context per operation and take a fresh HttpClient per Mollie call, so pages and
        // jobs inject them directly and nothing scoped lives as long as a circuit.
        services.AddSingleton<LocalPayments>();
        services.AddSingleton<MollieCheckout>();
        services.AddSingleton<OpenOnlinePayments>();
        services.AddSingleton<SettleMolliePayment>();
        services.AddSingleton<StartOnlinePayment>();
        services.AddSingleton<StartPaymentForSeveral>();
        services.AddSingleton<ChargeMandate>();
        services.AddSingleton<PayByDirectDebit>();
        services.AddSingleton<PaymentRefunds>();
        services.AddSingleton<PaymentChargebacks>();
        services.AddSingleton<PaymentViews>();
        services.AddSingleton<PendingPayments>();
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
