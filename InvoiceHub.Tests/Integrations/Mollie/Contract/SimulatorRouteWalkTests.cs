using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using InvoiceHub.MollieSimulator;

namespace InvoiceHub.Tests.Integrations.Mollie.Contract;

/// <summary>
/// Walks every route the simulator maps (mounted under <c>/mollie-simulator</c>, as in the app) with the wrong methods,
/// unknown sub-paths, no key and made-up ids: no answer may be an empty error body; under <c>v2/</c> and <c>_sim/</c>
/// every error is Mollie's problem JSON (docs.mollie.com/overview/handling-errors).
/// </summary>
public sealed class SimulatorRouteWalkTests : IAsyncLifetime
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private MollieSimulatorHost _simulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _simulator = await MollieSimulatorHost.StartAsync(o => o.RecurringSettleDelay = null, "/mollie-simulator");
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _simulator.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public void The_walk_covers_the_whole_surface()
    {
        var templates = _simulator.State.Routes.Select(r => r.Template).Distinct().ToList();
        Assert.True(templates.Count >= 30, $"only {templates.Count} templates mapped");
        Assert.Contains("/v2/payment-links/{id}/payments", templates);
        Assert.Contains("/v2/payments/{id}/refunds/{refundId}", templates);
        Assert.Contains("/_sim/payments/{id}/chargebacks", templates);
    }

    [Fact]
    public async Task Every_route_answers_a_wrong_method_with_a_405_problem_naming_the_allowed_ones()
    {
        var checkedCount = 0;
        foreach (var route in _simulator.State.Routes.GroupBy(r => r.Template))
        {
            var allowed = route.Select(r => r.Method).ToHashSet();
            foreach (var method in Methods.Where(m => !allowed.Contains(m)))
            {
                using var response = await SendAsync(method, Fill(route.Key));
                await AssertProblemAsync(response, 405, $"{method} {route.Key}");
                Assert.Equal(allowed.Order(), response.Content.Headers.Allow.Order());
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 100, $"{checkedCount} wrong-method calls");
    }

    [Fact]
    public async Task Every_route_answers_an_unknown_subpath_with_a_404_problem()
    {
        foreach (var template in _simulator.State.Routes.Select(r => r.Template).Distinct())
        {
            foreach (var method in Methods)
            {
                using var response = await SendAsync(method, Fill(template) + "/no-such/thing");
                await AssertProblemAsync(response, 404, $"{method} {template}/no-such/thing");
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("v2")]
    [InlineData("v1/payments")]
    [InlineData("_sim")]
    [InlineData("checkout")]
    [InlineData("v2/payments/tr_x/captures")]
    public async Task Paths_the_simulator_does_not_have_answer_a_404_problem(string path)
    {
        using var response = await SendAsync("GET", "/" + path);
        await AssertProblemAsync(response, 404, path);
    }

    [Fact]
    public async Task Every_api_route_refuses_a_call_without_key_with_a_401_problem()
    {
        foreach (var (method, template) in _simulator.State.Routes.Where(r => r.Template.StartsWith("/v2/", StringComparison.Ordinal)))
        {
            using var response = await SendAsync(method, Fill(template), authenticated: false);
            await AssertProblemAsync(response, 401, $"{method} {template}");
        }
    }

    [Fact]
    public async Task Every_route_called_with_made_up_ids_answers_errors_with_a_body()
    {
        foreach (var (method, template) in _simulator.State.Routes.Where(r => r.Template != "/_sim/reset"))
        {
            using var response = await SendAsync(method, Fill(template), body: "{}");
            if ((int)response.StatusCode < 400)
            {
                continue;
            }
            var text = await response.Content.ReadAsStringAsync();
            Assert.False(string.IsNullOrWhiteSpace(text), $"{method} {template} answered {(int)response.StatusCode} with an empty body");
            if (!template.StartsWith("/checkout", StringComparison.Ordinal) && !template.StartsWith("/pay/", StringComparison.Ordinal))
            {
                await AssertProblemAsync(response, (int)response.StatusCode, $"{method} {template}");
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, bool authenticated = true, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ContractWorld.ApiKey);
        }
        if (body is not null && method is not ("GET" or "DELETE"))
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }
        return await _http.SendAsync(request);
    }

    private static string Fill(string template) => Regex.Replace(template, @"\{(\w+)\}", m => "x_" + m.Groups[1].Value);

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((HttpStatusCode)status == response.StatusCode, $"{what}: expected {status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/hal+json", response.Content.Headers.ContentType?.MediaType);
        var failures = MollieContractTests.ProblemShape(JsonDocument.Parse(text).RootElement, status).ToList();
        Assert.True(failures.Count == 0, $"{what}: {string.Join("; ", failures)} in {text}");
    }
}
