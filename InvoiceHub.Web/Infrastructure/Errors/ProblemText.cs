using System.Collections.Frozen;
using System.Globalization;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Resources;
using Microsoft.AspNetCore.Localization;

namespace InvoiceHub.Web.Infrastructure.Errors;

/// <summary>
/// The words of the API's problem details in the caller's language (Accept-Language): titles and details are
/// translated, while <c>type</c>, <c>status</c>, <c>code</c> and the field names in <c>errors</c> never change with it.
/// English answers are exactly the texts the API has always given.
/// </summary>
public static class ProblemText
{
    /// <summary>The titles of problems written elsewhere (the framework's defaults, a few endpoints), by their English text.</summary>
    private static readonly FrozenDictionary<string, string> TitleKeys = new[]
    {
        nameof(ApiText.TitleInvalidRequest), nameof(ApiText.TitleConflict), nameof(ApiText.TitleNotFound), nameof(ApiText.TitleDatabaseBusy),
        nameof(ApiText.TitleConcurrentChange), nameof(ApiText.TitleRequestTooLarge), nameof(ApiText.TitleUnauthorized), nameof(ApiText.TitleForbidden),
        nameof(ApiText.TitleServerError), nameof(ApiText.TitleBadRequest), nameof(ApiText.TitleNotFoundDefault), nameof(ApiText.TitleMethodNotAllowed),
        nameof(ApiText.TitleConflictDefault), nameof(ApiText.TitleUnsupportedMediaType), nameof(ApiText.TitleTooManyRequests),
        nameof(ApiText.TitleServiceUnavailable), nameof(ApiText.TitleMollieUnavailable), nameof(ApiText.TitleNoSuchJob), nameof(ApiText.TitlePeriodNotValid),
    }.ToFrozenDictionary(key => ApiText.ResourceManager.GetString(key, CultureInfo.InvariantCulture)!, StringComparer.Ordinal);

    private static bool InEnglish => Languages.Current == Languages.English;

    /// <summary>
    /// What a domain refusal says to the caller: in English the domain's own message (with its numbers and names);
    /// in another language the text of its code (<c>ApiText.Error</c> + the code in PascalCase), or the English
    /// message for a code that has none.
    /// </summary>
    public static string Of(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return InEnglish ? exception.Message : ApiText.ResourceManager.GetString(KeyOf(exception.Code), CultureInfo.CurrentUICulture) ?? exception.Message;
    }

    /// <summary><c>invoice_not_open</c> → <c>ErrorInvoiceNotOpen</c>.</summary>
    public static string KeyOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return "Error" + string.Concat(code.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }

    /// <summary>
    /// <paramref name="english"/> (a message written in English elsewhere, as the API has always answered) for an
    /// English caller, <paramref name="translated"/> for the others.
    /// </summary>
    public static string EnglishOr(string english, string translated) => InEnglish ? english : translated;

    /// <summary>A text with placeholders, filled in the current culture.</summary>
    public static string Format(string text, params object?[] values) => string.Format(CultureInfo.CurrentCulture, text, values);

    /// <summary>
    /// The language a request reads, also where the request's culture no longer holds (the exception handler and
    /// the status-code pages run outside the localization middleware, which left its choice on the request).
    /// </summary>
    public static Language LanguageOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture is { } culture ? Languages.Of(culture.Name) : Languages.Current;
    }

    /// <summary>
    /// <c>ProblemDetailsOptions.CustomizeProblemDetails</c>: a problem written in English by the framework or an
    /// endpoint (a bare 401 or 404, "Mollie unavailable") gets its title in the caller's language.
    /// </summary>
    public static void Translate(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var language = LanguageOf(context.HttpContext);
        if (language == Languages.English || context.ProblemDetails.Title is not { } title || !TitleKeys.TryGetValue(title, out var key))
        {
            return;
        }
        context.ProblemDetails.Title = ApiText.ResourceManager.GetString(key, language.CultureInfo) ?? title;
    }
}
