using System.Text.Json;
using System.Text.Json.Serialization;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>Mollie's JSON conventions: camelCase, lower-case enum values, absent rather than null members.</summary>
public static class MollieJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
