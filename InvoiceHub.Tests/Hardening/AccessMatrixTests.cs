using System.Net;
using System.Text.RegularExpressions;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Hardening;

/// <summary>Who SPEC.md lets through a door (People and roles, Addresses, REST API).</summary>
public enum Access
{
    /// <summary>Admin-only staff pages.</summary>
    AdminPage,
    /// <summary>Admin and Finance pages under /admin.</summary>
    StaffPage,
    /// <summary>A client's own documents under /portal.</summary>
    ClientPage,
    /// <summary>Anyone with a valid payment-link token.</summary>
    PaymentLink,
    /// <summary>Anyone: the status of a payment, nothing about the payer.</summary>
    PaymentReturn,
    /// <summary>Admin API key only.</summary>
    AdminKey,
    /// <summary>Admin or Finance API key.</summary>
    StaffKey,
    /// <summary>Public (Mollie's webhook): always 200, learns nothing.</summary>
    PublicWebhook,
    /// <summary>Infrastructure listed as an exception: sign-in, the language switch, assets, health, OpenAPI, the Blazor socket.</summary>
    Infrastructure,
    /// <summary>The Mollie simulator: a Development test double that Production must not mount.</summary>
    DevelopmentOnly,
}

/// <summary>
/// Every page and API route the app maps, discovered from its endpoint data source, against the access table
/// below (written from SPEC.md by address, not read from the endpoints' own metadata), for anonymous, two
/// clients, Finance, Admin and an API key of each role. A route that matches no row fails the test.
/// </summary>
public sealed class AccessMatrixTests
{
    /// <summary>First matching row wins. Method null means any method.</summary>
    private static readonly (string? Method, string Pattern, Access Access)[] Table =
    [
        (null, "^/admin/(settings|payment-providers|jobs|mailbox|hangfire)(/.*)?$", Access.AdminPage),
        (null, "^/admin(/.*)?$", Access.StaffPage),
        (null, "^/portal(/.*)?$", Access.ClientPage),
        (null, "^/pay/.+$", Access.PaymentLink),
        ("GET", "^/payments/[^/]+/return$", Access.PaymentReturn),
        ("POST", "^/api/v1/webhooks/mollie$", Access.PublicWebhook),
        ("PUT", "^/api/v1/settings/?$", Access.AdminKey),
        (null, "^/api/v1/(jobs|outbox)(/.*)?$", Access.AdminKey),
        (null, "^/api/v1/.+$", Access.StaffKey),
        (null, "^/_blazor(/.*)?$", Access.Infrastructure),
        (null, "^/_framework/.+$", Access.Infrastructure),
        (null, @"^/\{\*\*path:file\}$", Access.Infrastructure),
        (null, "^/health$", Access.Infrastructure),
        ("GET", "^/company-logo$", Access.Infrastructure),
        (null, "^/openapi/.+$", Access.Infrastructure),
        (null, "^/account/.+$", Access.Infrastructure),
        ("POST", "^/language$", Access.Infrastructure),
        ("GET", "^/$", Access.Infrastructure),
        (null, "^/not-found$", Access.Infrastructure),
        (null, "^/mollie-simulator(/.*)?$", Access.DevelopmentOnly),
    ];

    private static readonly string[] Everyone = ["anonymous", "client-a", "client-b", "finance", "admin", "key-admin", "key-finance", "key-client"];

    [Fact]
    public async Task Every_route_admits_exactly_whom_the_spec_names_and_no_client_sees_another_clients_data()
    {
        await using var t = await HardeningApp.StartAsync();
        var figures = new ReliabilityFigures("access-matrix", "Access", "Routes × roles (SPEC.md table, routes discovered from the endpoint data source)");
        var routes = DiscoverRoutes(t.App.Services);
        figures.Detail("routes discovered", routes.Count);
        figures.Detail("callers", string.Join(", ", Everyone));

        var checkedRoutes = 0;
        foreach (var (method, pattern) in routes)
        {
            if (StaticAsset(pattern))
            {
                continue;
            }
            var access = Classify(method, pattern);
            figures.Check(access is not null, $"unclassified route {method} {pattern}: add a row to AccessMatrixTests.Table");
            if (access is null or Access.Infrastructure or Access.DevelopmentOnly)
            {
                continue;
            }

            checkedRoutes++;
            foreach (var (path, owner) in Fill(pattern, t))
            {
                foreach (var caller in Everyone)
                {
                    await CheckAsync(t, figures, caller, method, path, owner, access.Value);
                }
            }
        }

        figures.Detail("routes checked against roles", checkedRoutes);
        figures.Detail("static assets (public by design)", routes.Count(r => StaticAsset(r.Pattern)));
        figures.Check(checkedRoutes >= 10, $"only {checkedRoutes} routes were checked; discovery found too little");
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task Production_does_not_mount_the_mollie_simulator()
    {
        var figures = new ReliabilityFigures("access-production", "Access", "Production environment: the Mollie simulator is not mounted");
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions
        {
            Environment = "Production",
            Settings = new Dictionary<string, string?> { ["Mollie:ApiKey"] = "test_production_check" },
        });
        var routes = DiscoverRoutes(app.Services);
        figures.Detail("routes discovered", routes.Count);
        foreach (var (method, pattern) in routes.Where(r => !StaticAsset(r.Pattern)))
        {
            figures.Check(Classify(method, pattern) is not (null or Access.DevelopmentOnly), $"Production maps {method} {pattern}");
        }

        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/mollie-simulator/_sim/faults", "/mollie-simulator/v2/methods" })
        {
            using var response = await client.GetAsync(path);
            figures.Check(response.StatusCode == HttpStatusCode.NotFound, $"Production answers {path} with {(int)response.StatusCode}");
        }

        using var https = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://invoicehub.example/") });
        using var login = await https.GetAsync("/account/login");
        figures.Check(login.Headers.Contains("Strict-Transport-Security"), "Production over HTTPS sends no HSTS header");
        figures.WriteAndAssertClean();
    }

    public static List<(string Method, string Pattern)> DiscoverRoutes(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                // Pages answer GET; Blazor also maps POST for their forms, which the anti-forgery tests cover.
                var isPage = e.Metadata.Any(m => m.GetType().Name == "ComponentTypeMetadata");
                return (isPage ? methods.Where(m => m == HttpMethods.Get) : methods).Select(m => (m, pattern.Length > 1 ? pattern.TrimEnd('/') : pattern));
            })
            .Distinct()
            .OrderBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.m, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Files from wwwroot and the framework: a literal path ending in a file name with an extension, outside the
    /// app's own doors (so /admin/invoices/export.csv is a route to check, not an asset).
    /// </summary>
    public static bool StaticAsset(string pattern) =>
        !pattern.Contains('{', StringComparison.Ordinal) && Regex.IsMatch(pattern, @"/[^/]+\.[A-Za-z0-9]+$")
        && !Regex.IsMatch(pattern, "^/(api|openapi|admin|portal|pay|payments|account|mollie-simulator)(/|$)");

    public static Access? Classify(string method, string pattern)
    {
        foreach (var (rowMethod, rowPattern, access) in Table)
        {
            if ((rowMethod is null || rowMethod == method) && Regex.IsMatch(pattern, rowPattern, RegexOptions.IgnoreCase))
            {
                return access;
            }
        }
        return null;
    }

    /// <summary>The route with real ids: for documents once with client A's and once with client B's; the owner is named.</summary>
    internal static IEnumerable<(string Path, string? Owner)> Fill(string pattern, HardeningApp t)
    {
        if (!pattern.Contains('{', StringComparison.Ordinal))
        {
            yield return (pattern, null);
            yield break;
        }

        foreach (var (world, owner) in new[] { (t.A, "client-a"), (t.B, "client-b") })
        {
            var path = Regex.Replace(pattern, @"\{(?<name>[^}:=?]+)[^}]*\}", m => Value(m.Groups["name"].Value, pattern, world));
            yield return (path, owner);
        }

        if (pattern.StartsWith("/pay/", StringComparison.Ordinal))
        {
            // A guessed token: nobody's, so nobody gets in.
            yield return (Regex.Replace(pattern, @"\{[^}]+\}", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "nobody");
        }
    }

    private static string Value(string parameter, string pattern, ClientWorld world)
    {
        var p = parameter.ToLowerInvariant();
        return p switch
        {
            "name" when pattern.Contains("/jobs/", StringComparison.Ordinal) => "reminders",
            // The Hangfire Dashboard's pages hang under one catch-all route: its recurring jobs page stands for them.
            "**path" when pattern.StartsWith("/admin/hangfire/", StringComparison.Ordinal) => "recurring",
            "id" or "clientid" when pattern.Contains("/clients", StringComparison.Ordinal) => world.ClientId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "id" when pattern.Contains("/credit-requests", StringComparison.Ordinal) => world.CreditRequestId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "id" when pattern.Contains("/credit-notes/{", StringComparison.Ordinal) => world.CreditNoteId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "id" when pattern.Contains("/invoices", StringComparison.Ordinal) => world.InvoiceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "token" when pattern.StartsWith("/pay/", StringComparison.Ordinal) => world.PayToken,
            "id" when pattern.EndsWith("/receipt", StringComparison.Ordinal) => world.PaidPaymentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "id" when pattern.Contains("/payments/", StringComparison.Ordinal) => world.PaymentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "id" when pattern.Contains("/mailbox/", StringComparison.Ordinal) => world.MailId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"AccessMatrixTests cannot fill {{{parameter}}} of {pattern}: teach Value() where a real id comes from."),
        };
    }

    private static async Task CheckAsync(HardeningApp t, ReliabilityFigures figures, string caller, string method, string path, string? owner, Access access)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = path.Contains("/webhooks/", StringComparison.Ordinal)
                ? new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "tr_unknown" })
                : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await t.Callers[caller].SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var what = $"{caller} {method} {path} → {status} {location}";

        var allowed = Allowed(access, caller, owner);
        bool admitted = access switch
        {
            // 501: a call SPEC.md lists whose feature has not arrived yet; it still had to get past authorization.
            Access.AdminKey or Access.StaffKey or Access.PublicWebhook => status is not (401 or 403) && (status < 500 || status == 501),
            // The signed-in client the link's document belongs to may be sent on to that document's portal page.
            Access.PaymentLink when caller == owner => status == 200 || (status == 302 && location.Contains("/portal/", StringComparison.Ordinal)),
            _ => status == 200,
        };
        figures.Check(admitted == allowed, (allowed ? "refused: " : "let in: ") + what);
        if (!admitted)
        {
            // A refusal says so plainly: sign-in or access-denied redirect, 401/403, or 404 for someone else's document.
            figures.Check(status is 302 or 401 or 403 or 404 && !body.Contains("Exception", StringComparison.Ordinal), "unclear refusal: " + what);
        }
        figures.Check(status < 500 || status == 501, "server error: " + what);

        // Whatever the door, a client never reads the other client's name, number or amounts; only the
        // holder of a payment link reads that one document, whoever they are.
        if (caller is "client-a" or "client-b" or "anonymous" && access != Access.PaymentLink)
        {
            foreach (var other in new[] { ("client-a", t.A), ("client-b", t.B) }.Where(o => o.Item1 != caller))
            {
                foreach (var secret in new[] { other.Item2.Name, other.Item2.InvoiceNumber, other.Item2.TotalText, other.Item2.TotalText.Replace('.', ',') })
                {
                    figures.Check(!body.Contains(secret, StringComparison.Ordinal) && !location.Contains(secret, StringComparison.Ordinal),
                        $"{caller} read {other.Item1}'s \"{secret}\" in {method} {path}");
                }
            }
        }
    }

    /// <summary>The table's meaning for each caller; written from SPEC.md ▸ People and roles.</summary>
    private static bool Allowed(Access access, string caller, string? owner) => access switch
    {
        Access.AdminPage => caller == "admin",
        Access.StaffPage => caller is "admin" or "finance",
        Access.ClientPage => caller is "client-a" or "client-b" && (owner is null || owner == caller),
        Access.PaymentLink => owner != "nobody",
        Access.PaymentReturn => true,
        Access.AdminKey => caller == "key-admin",
        Access.StaffKey => caller is "key-admin" or "key-finance",
        Access.PublicWebhook => true,
        _ => false,
    };
}
