using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using InvoiceHub.Domain.Common;
using InvoiceHub.Tests.Features.Api;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// The API answers problem details in the caller's Accept-Language: titles, details and field messages are translated,
/// while <c>type</c>, <c>status</c>, <c>code</c>, <c>field</c> and the names in <c>errors</c> stay as they are; English
/// answers are the texts the API always gave.
/// </summary>
public sealed class ApiProblemLanguageTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Theory]
    [InlineData("es-ES", "La solicitud no es válida", "La solicitud tiene campos no válidos: name. Consulte errors para saber qué cambiar.", "Indique un valor para name.")]
    [InlineData("nl-NL,nl;q=0.9", "Het verzoek is niet geldig", "Het verzoek heeft ongeldige velden: name. Zie errors voor wat u moet wijzigen.", "Geef een waarde op voor name.")]
    [InlineData("en-US", "The request is not valid", "The request has invalid fields: name. See errors for what to change.", "Give the client's name.")]
    public async Task A_missing_field_is_explained_in_the_callers_language(string acceptLanguage, string title, string detail, string message)
    {
        var english = await SendAsync(HttpMethod.Post, "/api/v1/clients", new { name = "", email = "nameless@example.com" }, null, HttpStatusCode.BadRequest);

        var problem = await SendAsync(HttpMethod.Post, "/api/v1/clients", new { name = "", email = "nameless@example.com" }, acceptLanguage, HttpStatusCode.BadRequest);

        Assert.Equal(title, (string)problem["title"]!);
        Assert.Equal(detail, (string)problem["detail"]!);
        Assert.Equal(new[] { message }, problem.Errors("name"));
        Assert.Equal((string)english["type"]!, (string)problem["type"]!);
        Assert.Equal(400, (int)problem["status"]!);
        Assert.Equal(Keys(english["errors"]!), Keys(problem["errors"]!));
    }

    [Theory]
    [InlineData("es", "La solicitud entra en conflicto con el estado actual", "Otro cliente ya usa esta dirección de correo electrónico.")]
    [InlineData("nl", "Het verzoek is in strijd met de huidige toestand", "Een andere klant gebruikt dit e-mailadres al.")]
    public async Task A_domain_conflict_is_translated_by_its_code_which_stays(string acceptLanguage, string title, string detail)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await SendAsync(HttpMethod.Post, "/api/v1/clients", new { name = "First Fay", email }, null, HttpStatusCode.Created);

        var english = await SendAsync(HttpMethod.Post, "/api/v1/clients", new { name = "Second Fay", email }, "en", HttpStatusCode.Conflict);
        var problem = await SendAsync(HttpMethod.Post, "/api/v1/clients", new { name = "Second Fay", email }, acceptLanguage, HttpStatusCode.Conflict);

        Assert.Equal("The request conflicts with the current state", (string)english["title"]!);
        Assert.Contains("First Fay already uses", (string)english["detail"]!, StringComparison.Ordinal);
        Assert.Equal(title, (string)problem["title"]!);
        Assert.Equal(detail, (string)problem["detail"]!);
        Assert.Equal("duplicate_email", (string)problem["code"]!);
        Assert.Equal("email", (string)problem["field"]!);
        Assert.Equal((string)english["type"]!, (string)problem["type"]!);
    }

    [Theory]
    [InlineData("es", "La dirección de correo electrónico no es válida.", "La solicitud no es válida")]
    [InlineData("nl", "Het e-mailadres is niet geldig.", "Het verzoek is niet geldig")]
    public async Task A_domain_refusal_of_a_field_is_translated_under_the_same_field(string acceptLanguage, string message, string title)
    {
        var english = await SendAsync(HttpMethod.Post, "/api/v1/clients", new { name = "Bad Mail", email = "not-an-email" }, null, HttpStatusCode.BadRequest);

        var problem = await SendAsync(HttpMethod.Post, "/api/v1/clients", new { name = "Bad Mail", email = "not-an-email" }, acceptLanguage, HttpStatusCode.BadRequest);

        Assert.Contains("name@example.com", english.Errors("email").Single(), StringComparison.Ordinal);
        Assert.Equal(new[] { message }, problem.Errors("email"));
        Assert.Equal(message, (string)problem["detail"]!);
        Assert.Equal(title, (string)problem["title"]!);
        Assert.Equal("invalid_email", (string)problem["code"]!);
        Assert.Equal((string)english["type"]!, (string)problem["type"]!);
    }

    [Fact]
    public async Task An_amount_ApiInput_refuses_is_explained_in_Spanish_under_its_JSON_path()
    {
        var clientId = await app.CreateClientAsync();

        var problem = await SendAsync(HttpMethod.Post, $"/api/v1/clients/{clientId}/balance-adjustments",
            new { amount = new { currency = "USD", value = "12,50" }, reason = "Saldo inicial" }, "es", HttpStatusCode.BadRequest);

        Assert.Equal(new[] { "Al cliente se le factura en EUR; indique el importe en EUR, no en USD." }, problem.Errors("amount.currency"));
        Assert.StartsWith("El importe no es válido", problem.Errors("amount.value").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_an_endpoint_checks_itself_is_explained_in_Dutch()
    {
        var problem = await SendAsync(HttpMethod.Post, "/api/v1/clients",
            new { name = "Valuta BV", email = "valuta@example.test", currency = "XYZ" }, "nl", HttpStatusCode.BadRequest);

        Assert.StartsWith("'XYZ' is geen ondersteunde valuta; gebruik een van EUR", problem.Errors("currency").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_found_and_unreadable_json_speak_Dutch_too()
    {
        var missing = await SendAsync(HttpMethod.Get, "/api/v1/clients/987654", null, "nl", HttpStatusCode.NotFound);
        var unreadable = await SendAsync(HttpMethod.Post, "/api/v1/clients", new StringContent("{\"name\":", Encoding.UTF8, "application/json"), "nl", HttpStatusCode.BadRequest);
        var englishUnreadable = await SendAsync(HttpMethod.Post, "/api/v1/clients", new StringContent("{\"name\":", Encoding.UTF8, "application/json"), null, HttpStatusCode.BadRequest);

        Assert.Equal("Niet gevonden", (string)missing["title"]!);
        Assert.Equal(404, (int)missing["status"]!);
        Assert.Equal("Het verzoek is niet geldig", (string)unreadable["title"]!);
        Assert.StartsWith("De body van het verzoek kon bij ", (string)unreadable["detail"]!, StringComparison.Ordinal);
        Assert.Equal(Keys(englishUnreadable["errors"]!), Keys(unreadable["errors"]!));
        Assert.StartsWith("The request body could not be read as JSON at ", (string)englishUnreadable["detail"]!, StringComparison.Ordinal);
        Assert.Equal("The request is not valid", (string)englishUnreadable["title"]!);
    }

    [Fact]
    public async Task A_bare_401_gets_its_title_in_the_callers_language()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clients/1");
        request.Headers.AcceptLanguage.ParseAdd("es");
        using var response = await app.Anonymous.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal("No autorizado", (string)problem["title"]!);
        Assert.Equal(401, (int)problem["status"]!);
    }

    [Fact]
    public void Every_domain_error_code_has_a_text_in_ApiText()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        var missing = codes.Where(code => ApiText.ResourceManager.GetString(ProblemText.KeyOf(code), System.Globalization.CultureInfo.InvariantCulture) is null).ToList();

        Assert.NotEmpty(codes);
        Assert.True(missing.Count == 0, "Codes without a text: " + string.Join(", ", missing));
        Assert.Equal("ErrorInvoiceNotOpen", ProblemText.KeyOf(ErrorCodes.InvoiceNotOpen));
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, string? acceptLanguage, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        using var response = await app.Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static List<string> Keys(JsonNode errors) => errors.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
}
