using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>Renders a component to HTML with the framework's HtmlRenderer (bunit is not available), in en-US.</summary>
public sealed class ComponentRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly HtmlRenderer _renderer;

    public ComponentRenderer()
    {
        _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
    }

    public Task<string> RenderAsync<T>(Dictionary<string, object?> parameters) where T : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            return (await _renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString();
        });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
