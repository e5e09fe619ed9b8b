using System.Globalization;
using System.Net;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>
/// Mollie refused a request or could not be reached. <see cref="UserMessage"/> is safe to show to a client or
/// an admin and says what to do; <see cref="Detail"/> is Mollie's own text.
/// </summary>
public sealed class MollieException : Exception
{
    public static string UnreachableMessage => PayText.MollieUnreachable;

    public MollieException(int? status, string title, string detail, string? field, string userMessage, Exception? innerException = null)
        : base($"Mollie {(status is null ? "unreachable" : status.ToString())}: {title}: {detail}{(field is null ? "" : $" (field {field})")}", innerException)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Field = field;
        UserMessage = userMessage;
    }

    /// <summary>HTTP status of Mollie's answer; null when no answer arrived (network error, timeouts).</summary>
    public int? Status { get; }
    public string Title { get; }
    public string Detail { get; }
    /// <summary>Dotted path of the offending request field, e.g. <c>amount.value</c>, when Mollie names one.</summary>
    public string? Field { get; }
    public string UserMessage { get; }

    public bool IsTransient => Status is null or 429 or >= 500;

    internal static MollieException FromProblem(int status, string? title, string? detail, string? field)
    {
        title ??= ReasonPhrase(status);
        detail ??= title;
        return new MollieException(status, title, detail, field, UserMessageFor(status, detail));
    }

    internal static MollieException Unreachable(string detail, Exception? inner) =>
        new(null, "No answer", detail, null, UnreachableMessage, inner);

    internal static MollieException NoApiKey() =>
        new(null, "No API key", "No Mollie API key is configured.", null, PayText.MollieNoApiKey);

    private static string UserMessageFor(int status, string detail) => status switch
    {
        401 => PayText.MollieKeyRefused,
        403 => PayText.MollieForbidden,
        404 => string.Format(CultureInfo.CurrentCulture, PayText.MollieUnknownItem, detail),
        429 => PayText.MollieTooManyRequests,
        >= 500 => UnreachableMessage,
        _ => detail,
    };

    private static string ReasonPhrase(int status) =>
        Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : $"HTTP {status}";
}
