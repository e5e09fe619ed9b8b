using System.Globalization;

namespace InvoiceHub.Web.Infrastructure.Localization;

/// <summary>A language InvoiceHub speaks: its ISO 639-1 code, the culture its dates and money follow, its own name.</summary>
public sealed record Language(string Code, string Culture, string NativeName)
{
    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);

    /// <summary>Mollie's <c>locale</c> for this language (its checkout's language): "es_ES".</summary>
    public string MollieLocale => Culture.Replace('-', '_');
}

/// <summary>
/// The languages of InvoiceHub. Adding one is one line here and one set of resource files (docs/TRANSLATING.md).
/// Each client reads one (their portal, payment links, emails and PDFs); staff choose theirs; before sign-in the
/// browser's Accept-Language decides, and a switcher lets a visitor choose.
/// </summary>
public static class Languages
{
    public static readonly Language English = new("en", "en-US", "English");

    public static readonly IReadOnlyList<Language> All =
    [
        English,
        new("es", "es-ES", "Español"),
        new("nl", "nl-NL", "Nederlands"),
    ];

    public static IReadOnlyList<string> Codes { get; } = All.Select(l => l.Code).ToArray();

    public static Language Default => English;

    /// <summary>The language of a code ("es") or a culture name ("es-ES", "es-MX"); null when InvoiceHub does not speak it.</summary>
    public static Language? Find(string? codeOrCulture)
    {
        if (string.IsNullOrWhiteSpace(codeOrCulture))
        {
            return null;
        }
        var code = codeOrCulture.Trim().Split('-', '_')[0].ToLowerInvariant();
        return All.FirstOrDefault(l => l.Code == code);
    }

    /// <summary>The language of a code, or English for one InvoiceHub does not speak (a client row from before languages).</summary>
    public static Language Of(string? code) => Find(code) ?? Default;

    /// <summary>The language the current request or scope reads.</summary>
    public static Language Current => Of(CultureInfo.CurrentUICulture.Name);

    /// <summary>
    /// Reads in <paramref name="language"/> until disposed: an email or a PDF for a client is written in the client's
    /// language, whoever (or whichever job) writes it.
    /// </summary>
    public static IDisposable Use(Language language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = language.CultureInfo;
        return new Restore(previous.CurrentCulture, previous.CurrentUICulture);
    }

    public static IDisposable Use(string? code) => Use(Of(code));

    private sealed class Restore(CultureInfo culture, CultureInfo uiCulture) : IDisposable
    {
        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
