using System.Net;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Infrastructure.Security;

namespace InvoiceHub.Tests.Features.Security;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health")]
    [InlineData("/api/v1/clients/1")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_sign_in_page_has_no_inline_script_the_policy_would_block()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/account/login");

        // Every <script> must load a file: script-src 'self' refuses inline code.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attrs>[^>]*)>(?<body>.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s =>
        {
            Assert.Contains("src=", s.Groups["attrs"].Value, StringComparison.Ordinal);
            Assert.True(string.IsNullOrWhiteSpace(s.Groups["body"].Value), "inline script: " + s.Value);
        });
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_address()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions
        {
            SeedDemoData = true,
            Settings = new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" },
        });
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await SsrForm.SignInAsync(client, DemoUsers.Finance, "not the password");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(3), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
