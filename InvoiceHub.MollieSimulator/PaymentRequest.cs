using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// The checks Mollie makes on a payment request before it looks at customers and mandates
/// (docs.mollie.com/reference/create-payment, /reference/extra-payment-parameters, MOLLIE.md §2 and §8).
/// </summary>
internal sealed record PaymentRequest(
    SimAmount Amount,
    string Description,
    string SequenceType,
    string? RedirectUrl,
    string? WebhookUrl,
    IReadOnlyList<PaymentMethod> Methods,
    JsonNode? Metadata,
    DateOnly? DueDate)
{
    public const int MetadataLimitBytes = 1024;

    /// <summary>The one method the payer will use, when the request named exactly one.</summary>
    public PaymentMethod? Preset => Methods.Count == 1 ? Methods[0] : null;

    public static PaymentRequest? Parse(JsonElement body, MollieSimulatorOptions options, DateOnly today, out SimResponse? problem)
    {
        problem = null;
        var amount = SimAmount.Parse(Json.Member(body, "amount"), "amount", out problem);
        if (amount is null)
        {
            return null;
        }
        var description = Json.Text(body, "description");
        var sequenceType = Json.Text(body, "sequenceType") ?? "oneoff";
        var redirectUrl = Json.Text(body, "redirectUrl");
        problem = string.IsNullOrWhiteSpace(description) ? SimResponse.Problem(422, "The description is invalid", "description")
            : sequenceType is not ("oneoff" or "first" or "recurring") ? SimResponse.Problem(422, "The sequence type is invalid", "sequenceType")
            : sequenceType != "recurring" && string.IsNullOrWhiteSpace(redirectUrl) ? SimResponse.Problem(422, "The redirect URL is missing", "redirectUrl")
            : CheckMetadata(body, out _) ?? CheckWebhookUrl(Json.Text(body, "webhookUrl"), options.AllowLocalWebhookUrls) ?? CheckLocale(Json.Text(body, "locale"));
        if (problem is not null)
        {
            return null;
        }
        var methods = ParseMethods(body, amount, sequenceType, out problem);
        if (methods is null)
        {
            return null;
        }
        DateOnly? dueDate = null;
        if (Json.Text(body, "dueDate") is { } dueText)
        {
            if (!DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) || due <= today || due > today.AddDays(101))
            {
                problem = SimResponse.Problem(422, "The due date is invalid; it must be between tomorrow and 100 days after tomorrow", "dueDate");
                return null;
            }
            dueDate = due;
        }
        CheckMetadata(body, out var metadata);
        return new PaymentRequest(amount, description!.Length > 255 ? description[..255] : description, sequenceType, redirectUrl, Json.Text(body, "webhookUrl"), methods, metadata, dueDate);
    }

    /// <summary>Mollie keeps about 1 KB of metadata (MOLLIE.md §8); the wording of its refusal is not published.</summary>
    public static SimResponse? CheckMetadata(JsonElement body, out JsonNode? metadata)
    {
        metadata = Json.Member(body, "metadata") is { ValueKind: not JsonValueKind.Null } value ? JsonNode.Parse(value.GetRawText()) : null;
        return metadata is not null && System.Text.Encoding.UTF8.GetByteCount(metadata.ToJsonString()) > MetadataLimitBytes
            ? SimResponse.Problem(422, $"The metadata is too large; at most {MetadataLimitBytes} bytes of JSON are kept", "metadata")
            : null;
    }

    /// <summary>
    /// Mollie must reach the webhook: an absolute http(s) URL, not localhost nor a loopback or private address, unless the
    /// simulator's Development exception (<see cref="MollieSimulatorOptions.AllowLocalWebhookUrls"/>) lets it through.
    /// </summary>
    public static SimResponse? CheckWebhookUrl(string? url, bool allowLocal)
    {
        if (url is null)
        {
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return SimResponse.Problem(422, "The webhook URL is invalid", "webhookUrl");
        }
        return !allowLocal && IsLocal(uri)
            ? SimResponse.Problem(422, "The webhook URL is invalid because it is unreachable from Mollie's point of view.", "webhookUrl")
            : null;
    }

    /// <summary>
    /// The locales Mollie's payment pages speak (docs.mollie.com/reference/create-payment, "Possible values", with the
    /// changelog's later en_BE, en_NL, fr_LU and de_LU); any other value is refused as invalid, like Mollie does.
    /// </summary>
    public static readonly IReadOnlySet<string> Locales = new HashSet<string>(StringComparer.Ordinal)
    {
        "en_US", "en_GB", "en_BE", "en_NL", "nl_NL", "nl_BE", "de_DE", "de_AT", "de_CH", "de_LU", "fr_FR", "fr_BE", "fr_LU",
        "es_ES", "ca_ES", "pt_PT", "it_IT", "nb_NO", "sv_SE", "fi_FI", "da_DK", "is_IS", "hu_HU", "pl_PL", "lv_LV", "lt_LT",
    };

    public static SimResponse? CheckLocale(string? locale) =>
        locale is null || Locales.Contains(locale)
            ? null
            : SimResponse.Problem(422, "The locale is invalid", "locale");

    private static bool IsLocal(Uri uri)
    {
        var host = uri.IdnHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || !host.Contains('.', StringComparison.Ordinal) && !host.Contains(':', StringComparison.Ordinal))
        {
            return true;
        }
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return false;
        }
        if (IPAddress.IsLoopback(ip) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal)
        {
            return true;
        }
        if (ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        var b = ip.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || b[0] == 0;
    }

    /// <summary><c>method</c> as a string or an array (docs.mollie.com/reference/create-payment); each must fit the amount.</summary>
    private static List<PaymentMethod>? ParseMethods(JsonElement body, SimAmount amount, string sequenceType, out SimResponse? problem)
    {
        problem = null;
        var names = Json.Member(body, "method") switch
        {
            { ValueKind: JsonValueKind.String } single => [single.GetString()!],
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : "").ToList(),
            null or { ValueKind: JsonValueKind.Null } => [],
            _ => new List<string> { "" },
        };
        var methods = new List<PaymentMethod>();
        foreach (var name in names)
        {
            if (PaymentMethod.Find(name) is not { } method || !method.SequenceTypes.Contains(sequenceType))
            {
                problem = SimResponse.Problem(422, "The payment method is invalid", "method");
                return null;
            }
            methods.Add(method);
        }
        var candidates = methods.Count > 0 ? methods : PaymentMethod.All.Where(m => m.SequenceTypes.Contains(sequenceType)).ToList();
        if (candidates.Any(m => m.Accepts(amount, sequenceType)))
        {
            return methods.Count > 1 ? methods.Where(m => m.Accepts(amount, sequenceType)).ToList() : methods;
        }
        problem = candidates.All(m => !m.Currencies.Contains(amount.Currency)) ? SimResponse.Problem(422, "The currency is not supported for this payment method", "amount.currency")
            : candidates.All(m => m.Maximum is { } max && amount.Value > max) ? SimResponse.Problem(422, "The amount is higher than the maximum", "amount")
            : candidates.All(m => amount.Value < m.MinimumFor(sequenceType)) ? SimResponse.Problem(422, "The amount is lower than the minimum", "amount")
            : SimResponse.Problem(422, "No suitable payment methods found", "method");
        return null;
    }
}

/// <summary>Reading members of a request body that may be JSON or converted form fields.</summary>
internal static class Json
{
    public static JsonElement? Member(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? value : null;

    public static string? Text(JsonElement body, string name) =>
        Member(body, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>JSON true/false, or the text "true"/"false" a form sends.</summary>
    public static bool? Bool(JsonElement body, string name) => Member(body, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } text when bool.TryParse(text.GetString(), out var value) => value,
        _ => null,
    };
}
