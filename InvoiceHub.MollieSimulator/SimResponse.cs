using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InvoiceHub.MollieSimulator;

/// <summary>An API answer before it is written: status, HAL JSON body (none for 204) and extra headers.</summary>
internal sealed record SimResponse(int Status, string? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public const string ContentType = "application/hal+json; charset=utf-8";

    // Mollie writes "+00:00" and "hal+json" literally; the default encoder would escape them for HTML embedding.
    private static readonly JsonSerializerOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SimResponse Json(int status, JsonNode body) => new(status, body.ToJsonString(Writer));

    public static SimResponse NoContent() => new(204, null);

    /// <summary>Mollie's error shape: status, title, detail, optional field and a documentation link.</summary>
    public static SimResponse Problem(int status, string detail, string? field = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var body = new JsonObject
        {
            ["status"] = status,
            ["title"] = Title(status),
            ["detail"] = detail,
        };
        if (field is not null)
        {
            body["field"] = field;
        }
        body["_links"] = new JsonObject
        {
            ["documentation"] = new JsonObject { ["href"] = "https://docs.mollie.com/overview/handling-errors", ["type"] = "text/html" },
        };
        return new SimResponse(status, body.ToJsonString(Writer), headers);
    }

    public static SimResponse NotFound(string kind, string id) => Problem(404, $"No {kind} exists with token {id}.");

    private static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
