using System.Globalization;
using Bunit;
using MudBlazor.Services;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// bunit with MudBlazor's services, in en-US (amounts as "€100.00"). MudBlazor's JavaScript calls are answered
/// loosely (bunit returns defaults): these tests check what our components render and do, not MudBlazor's scripts,
/// which the browser tests exercise for real.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
