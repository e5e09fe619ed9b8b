using InvoiceHub.Web.Features.PaymentProviders;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InvoiceHub.Web.Features.PaymentLinks;

public static class PaymentLinksRegistration
{
    /// <summary>Payment links, payment requests, payment providers (and the stored Mollie key), client mandates.</summary>
    public static IServiceCollection AddPaymentLinksAndProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentLinkOptions>().Bind(configuration.GetSection(PaymentLinkOptions.Section))
            .Configure<Infrastructure.AppAddress>((options, address) => options.Address = address);
        services.AddSingleton<PaymentLinks>();
        services.AddSingleton<PaymentRequests>();
        services.AddSingleton<PaymentProviderService>();
        services.Replace(ServiceDescriptor.Singleton<IMollieKeyProvider, StoredMollieKeyProvider>());
        services.AddSingleton<ClientMandates>();
        return services;
    }
}
