using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace InvoiceHub.Web.Infrastructure;

/// <summary>
/// Where InvoiceHub is reached: the public base URL that links in emails and the webhook URLs given to Mollie start
/// with, and the address this process itself listens on (where Development's built-in Mollie simulator lives).
/// A configured <c>PaymentLinks:PublicBaseUrl</c> (or <c>Jobs:PublicBaseUrl</c>) always wins. Without one, Development
/// uses the address Kestrel really bound, so the app works on whatever port it is given (<c>--urls</c>, port 0, 5080
/// taken); everywhere else nothing is guessed and a missing public address is a configuration error.
/// </summary>
public sealed class AppAddress(IServer server, IConfiguration configuration, IHostEnvironment environment)
{
    /// <summary>The settings that name the public base URL, first wins: one address, known under two names.</summary>
    public static readonly IReadOnlyList<string> PublicBaseUrlKeys = ["PaymentLinks:PublicBaseUrl", "Jobs:PublicBaseUrl"];

    private readonly Lazy<Uri?> _configured = new(() => Configured(configuration));
    private Uri? _listening;

    /// <summary>The configured public base URL (ending in '/'), or null when none is set.</summary>
    public Uri? ConfiguredPublicBaseUri => _configured.Value;

    /// <summary>The base of every absolute link that leaves the app without a request to take it from (emails, jobs).</summary>
    public Uri PublicBaseUri =>
        ConfiguredPublicBaseUri
        ?? (environment.IsDevelopment()
            ? Listening
            : throw new InvalidOperationException(
                "Set PaymentLinks:PublicBaseUrl to the address people open InvoiceHub at (e.g. https://billing.example.com/): " +
                "links in emails and Mollie's webhook URLs are built on it."));

    /// <summary>
    /// The address this process listens on, preferring plain http on loopback (what the process can always call itself
    /// on). Read from Kestrel's bound addresses, so <c>--urls http://127.0.0.1:0</c> gives the port it really got.
    /// </summary>
    public Uri Listening => _listening ??= Choose(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        ?? throw new InvalidOperationException("The server reports no address it listens on yet; set PaymentLinks:PublicBaseUrl or ask after start-up.");

    /// <summary><paramref name="relativePath"/> on <see cref="Listening"/>, e.g. the built-in simulator's API.</summary>
    public Uri Local(string relativePath) => new(Listening, relativePath.TrimStart('/'));

    /// <summary>The best address to call this process on, or null while none is bound (port 0 before binding).</summary>
    public static Uri? Choose(IEnumerable<string> addresses) =>
        addresses
            .Select(Parse)
            .OfType<(Uri Uri, int Rank)>()
            .OrderBy(a => a.Rank)
            .Select(a => a.Uri)
            .FirstOrDefault();

    private static (Uri Uri, int Rank)? Parse(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }
        if (binding.IsUnixPipe || binding.IsNamedPipe || binding.Port == 0)
        {
            return null;
        }
        // A wildcard binding (0.0.0.0, [::], *, +) also answers on loopback.
        var wildcard = binding.Host is "*" or "+" or "0.0.0.0" or "[::]" or "::";
        var host = wildcard ? "localhost" : binding.Host;
        var loopback = wildcard || host == "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
        var http = string.Equals(binding.Scheme, "http", StringComparison.OrdinalIgnoreCase);
        var rank = (http ? 0 : 2) + (loopback ? 0 : 1);
        return (new Uri($"{binding.Scheme.ToLowerInvariant()}://{host}:{binding.Port}{binding.PathBase}/"), rank);
    }

    private static Uri? Configured(IConfiguration configuration)
    {
        foreach (var key in PublicBaseUrlKeys)
        {
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"{key} must be an absolute http(s) URL such as https://billing.example.com/; it is '{value}'.");
            }
            return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        }
        return null;
    }
}
