using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace InvoiceHub.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy (docs/DEPLOYMENT.md) the app takes the client's address and scheme from
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, but only from proxies it trusts: loopback always (ASP.NET Core's
/// default), and the addresses and networks in <c>ReverseProxy:KnownProxies</c> / <c>ReverseProxy:KnownNetworks</c>
/// (e.g. <c>10.0.0.5</c>, <c>10.0.0.0/24</c>). A header from anyone else is ignored, so a caller cannot pick the address
/// its rate limit is counted under. The host stays the request's own: the proxy passes it on (<c>Host $host</c>).
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    public static IServiceCollection AddInvoiceHubReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
