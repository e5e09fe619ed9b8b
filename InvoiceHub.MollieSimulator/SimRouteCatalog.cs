using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// Every route the simulator maps, kept so that a request that matches none is still answered the way Mollie answers:
/// a HAL problem body, 405 (with <c>Allow</c>) when the path exists under another method, 404 otherwise. Nothing under
/// the simulator's path answers an empty error body.
/// </summary>
internal sealed class SimRouteCatalog(RouteGroupBuilder root)
{
    private readonly List<(string Method, string Template, TemplateMatcher Matcher)> _routes = [];

    public IReadOnlyList<(string Method, string Template)> Routes => _routes.Select(r => (r.Method, r.Template)).ToList();

    /// <summary>Maps <paramref name="template"/> (relative to the simulator's root) for one HTTP method.</summary>
    public void Map(string method, string template, RequestDelegate handler)
    {
        root.MapMethods(template, [method], handler).DisableAntiforgery();
        _routes.Add((method, template, new TemplateMatcher(TemplateParser.Parse(template.TrimStart('/')), new RouteValueDictionary())));
    }

    /// <summary>An API route: auth, faults, idempotency and HAL answers through <see cref="ApiPipeline"/>.</summary>
    public void Api(string method, string template, Func<MollieSimulatorState, ApiCall, SimResponse> handler) =>
        Map(method, "/v2" + template, ApiPipeline.Handle(handler));

    public void Api(string method, string template, Func<MollieSimulatorState, ApiCall, Task<SimResponse>> handler) =>
        Map(method, "/v2" + template, ApiPipeline.Handle(handler));

    /// <summary>The catch-all under the simulator's path: a literal-free pattern, so every mapped route wins over it.</summary>
    public void MapUnmatched(MollieSimulatorState state) => root.Map("/{**path}", async context =>
    {
        var path = context.Request.Path.Value ?? "/";
        var relative = path.StartsWith(state.Prefix, StringComparison.Ordinal) ? path[state.Prefix.Length..] : path;
        var allowed = _routes.Where(r => r.Matcher.TryMatch(relative, new RouteValueDictionary())).Select(r => r.Method).Distinct().ToList();
        var response = allowed.Count > 0
            ? SimResponse.Problem(405, $"The method {context.Request.Method} is not allowed for {relative}; use {string.Join(", ", allowed)}.", headers: new Dictionary<string, string> { ["Allow"] = string.Join(", ", allowed) })
            : SimResponse.Problem(404, $"The resource {relative} does not exist.");
        await ApiPipeline.WriteAsync(context, response);
    }).DisableAntiforgery();
}
