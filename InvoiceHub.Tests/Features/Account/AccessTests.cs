using System.Net;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InvoiceHub.Tests.Features.Account;

/// <summary>Who may open what: sign-in lockout, the sign-in redirect, the Admin-only settings, and the API's bare 401.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string LockedText = "This account is locked after too many wrong passwords.";
    private InvoiceHubFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true });
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_out()
    {
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await SsrForm.SignInAsync(_client, DemoUsers.Finance, "not-the-password-" + attempt);
            var page = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("The email or password is not right.", page);
            Assert.DoesNotContain(LockedText, page);
        }

        using var fifth = await SsrForm.SignInAsync(_client, DemoUsers.Finance, "not-the-password-5");
        Assert.Contains(LockedText, await fifth.Content.ReadAsStringAsync());

        // Locked means locked: even the right password is refused now, and no cookie is issued.
        using var right = await SsrForm.SignInAsync(_client, DemoUsers.Finance, DemoUsers.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(LockedText, await right.Content.ReadAsStringAsync());
        using var admin = await _client.GetAsync("/admin");
        Assert.Equal("/account/login", RedirectPath(admin));
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/settings")]
    [InlineData("/portal")]
    public async Task Anonymous_visitor_is_sent_to_sign_in(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", RedirectPath(response));
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.Query, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Finance_is_refused_admin_settings()
    {
        using var signIn = await SsrForm.SignInAsync(_client, DemoUsers.Finance, DemoUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/admin", RedirectPath(signIn));
        // Signed in for real: the staff dashboard opens.
        using var dashboard = await _client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        using var settings = await _client.GetAsync("/admin/settings");

        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.Equal("/account/access-denied", RedirectPath(settings));
        Assert.Contains("Access denied", await _client.GetStringAsync(settings.Headers.Location!.PathAndQuery));
    }

    [Fact]
    public async Task Admin_opens_admin_settings()
    {
        await SsrForm.SignInAsync(_client, DemoUsers.Admin, DemoUsers.Password);

        using var settings = await _client.GetAsync("/admin/settings");

        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Contains("Online Invoice Payment", await settings.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_without_a_key_answers_401_not_a_redirect()
    {
        using var response = await _client.GetAsync("/api/v1/clients/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Api_with_an_unknown_key_answers_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clients/1");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ih_not_a_real_key");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The path a redirect points to, whether the app wrote an absolute or a relative Location.</summary>
    private static string RedirectPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException($"Expected a redirect, got {(int)response.StatusCode} without Location.");
        return (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath;
    }
}
