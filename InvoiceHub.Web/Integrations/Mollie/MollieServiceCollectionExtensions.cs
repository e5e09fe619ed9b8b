using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InvoiceHub.Web.Integrations.Mollie;

public static class MollieServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MollieClient"/> (a singleton over a named HttpClient) configured from the <c>Mollie</c> section, with
    /// the configured-key provider unless another <see cref="IMollieKeyProvider"/> is registered.
    /// </summary>
    public static IHttpClientBuilder AddMollieClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MollieOptions>()
            .Bind(configuration.GetSection(MollieOptions.Section))
            .Validate(o => o.BaseAddress.IsAbsoluteUri, "Mollie:BaseAddress must be an absolute URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Mollie:Timeout must be positive.")
            .Validate(o => o.MaxRetryAttempts >= 0, "Mollie:MaxRetryAttempts cannot be negative.");
        services.TryAddSingleton<IMollieKeyProvider, ConfiguredMollieKeyProvider>();
        services.TryAddSingleton<MollieResilience>();
        services.TryAddSingleton<MollieClient>();

        return services.AddHttpClient(MollieClient.HttpClientName, (provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<MollieOptions>>().Value;
            var address = options.BaseAddress.ToString();
            // Relative paths ("payments") only append to a base address that ends with a slash.
            http.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            // Each attempt has its own timeout in MollieResilience; HttpClient's would cut across retries.
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/hal+json"));
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("InvoiceHub", "1.0"));
        });
    }
}
