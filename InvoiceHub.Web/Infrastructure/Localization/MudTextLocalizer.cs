using System.Globalization;
using InvoiceHub.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace InvoiceHub.Web.Infrastructure.Localization;

/// <summary>
/// MudBlazor's own texts (the grid's pager, the date picker, close and clear buttons, "Required") in the reader's
/// language. MudBlazor reads its built-in English for English readers and asks this localizer for the others, by its
/// resource keys (<c>MudDataGridPager_RowsPerPage</c>), which are the keys of <see cref="ComponentText"/>; a key we have not
/// translated is reported as not found, and MudBlazor falls back to its English.
/// </summary>
public sealed class MudTextLocalizer : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = ComponentText.ResourceManager.GetString(key, CultureInfo.CurrentUICulture);
            return new LocalizedString(key, text ?? key, resourceNotFound: text is null);
        }
    }

    public override LocalizedString this[string key, params object[] arguments]
    {
        get
        {
            var text = this[key];
            return text.ResourceNotFound ? text : new LocalizedString(key, string.Format(CultureInfo.CurrentCulture, text.Value, arguments), false);
        }
    }
}
