using System.Globalization;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>Filling the texts of the resource files (docs/TRANSLATING.md) on the back office's pages.</summary>
public static class Words
{
    /// <summary>A text with placeholders (<c>{0}</c>), filled in the reader's culture.</summary>
    public static string Format(string text, params object?[] values) => string.Format(CultureInfo.CurrentCulture, text, values);

    /// <summary>
    /// A text split at its <c>{0}</c>, for a page that shows that part as markup (a link, bold words) where the
    /// language puts it; the text after it may hold further placeholders for <see cref="Format"/>.
    /// </summary>
    public static (string Before, string After) Around(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf("{0}", StringComparison.Ordinal);
        return at < 0 ? (text, "") : (text[..at], text[(at + 3)..]);
    }
}
