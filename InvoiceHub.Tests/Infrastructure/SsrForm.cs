using System.Net;
using System.Text.RegularExpressions;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// Posts a static server-rendered Blazor form the way a browser without JavaScript would: the page's hidden
/// fields (form handler name, anti-forgery token) plus the visible fields addressed by their element id.
/// </summary>
public static partial class SsrForm
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> valuesById)
    {
        var html = await client.GetStringAsync(path);
        var fields = new Dictionary<string, string>();
        var namesById = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(html))
        {
            var attributes = Attribute().Matches(input.Value).ToDictionary(a => a.Groups["name"].Value, a => WebUtility.HtmlDecode(a.Groups["value"].Value));
            if (!attributes.TryGetValue("name", out var name))
            {
                continue;
            }
            if (attributes.GetValueOrDefault("type") == "hidden")
            {
                fields[name] = attributes.GetValueOrDefault("value") ?? "";
            }
            if (attributes.TryGetValue("id", out var id))
            {
                namesById[id] = name;
            }
        }
        foreach (var (id, value) in valuesById)
        {
            var name = namesById.GetValueOrDefault(id) ?? throw new InvalidOperationException($"{path} has no input with id '{id}'.");
            fields[name] = value;
        }
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(path, content);
    }

    /// <summary>Signs in through the sign-in page; the client keeps the cookie.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await SubmitAsync(client, "/account/login", new Dictionary<string, string> { ["email"] = email, ["password"] = password });

    /// <summary>A client of the app signed in as a demo user (password <see cref="DemoUsers.Password"/>), keeping the cookie, not following redirects.</summary>
    public static async Task<HttpClient> SignedInClientAsync(InvoiceHubFactory app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SignInAsync(client, email, DemoUsers.Password))
        {
        }

        return client;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("(?<name>[a-zA-Z_:-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();
}
