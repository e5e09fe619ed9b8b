using System.Net;
using System.Text.RegularExpressions;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>The Hangfire Dashboard at /admin/hangfire: Admins only through the app's sign-in, its actions behind anti-forgery.</summary>
public sealed partial class JobsDashboardTests
{
    [Fact]
    public async Task Only_a_signed_in_Admin_opens_the_dashboard_and_the_jobs_page_links_to_it()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true });
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var finance = await SignedInAsync(app, DemoUsers.Finance);
        using var admin = await SignedInAsync(app, DemoUsers.Admin);

        using var toSignIn = await anonymous.GetAsync($"{JobsDashboard.Path}/recurring");
        using var refused = await finance.GetAsync($"{JobsDashboard.Path}/recurring");
        using var refusedStats = await finance.GetAsync($"{JobsDashboard.Path}/stats");
        using var shown = await admin.GetAsync($"{JobsDashboard.Path}/recurring");

        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Contains("/account/login", toSignIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("access-denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refusedStats.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var html = await shown.Content.ReadAsStringAsync();
        foreach (var job in JobCatalog.All)
        {
            Assert.Contains(job.Name, html, StringComparison.Ordinal);
        }
        Assert.Contains($"href=\"{JobsDashboard.Path}/recurring\"", await admin.GetStringAsync("/admin/jobs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dashboard_action_without_the_anti_forgery_token_is_refused_and_with_it_runs_the_job()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true });
        using var admin = await SignedInAsync(app, DemoUsers.Admin);
        var page = await admin.GetStringAsync($"{JobsDashboard.Path}/recurring");
        var header = AntiforgeryHeader().Match(page);
        var token = AntiforgeryToken().Match(page);
        Assert.True(header.Success && token.Success, "the dashboard page carries no anti-forgery token");

        using var forged = await admin.PostAsync($"{JobsDashboard.Path}/recurring/trigger", Trigger(JobCatalog.EmailDelivery));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{JobsDashboard.Path}/recurring/trigger") { Content = Trigger(JobCatalog.EmailDelivery) };
        request.Headers.Add(WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value));
        using var genuine = await admin.SendAsync(request);

        Assert.False(forged.IsSuccessStatusCode, $"a POST without the token was answered {(int)forged.StatusCode}");
        Assert.True(genuine.IsSuccessStatusCode, $"a POST with the token was answered {(int)genuine.StatusCode}");
        // The triggered run is recorded like any other; the forged one never was.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await RunsAsync(app) == 0)
        {
            await Task.Delay(100, limit.Token);
        }
        Assert.Equal(1, await RunsAsync(app));
    }

    private static async Task<int> RunsAsync(InvoiceHubFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.Set<JobRun>().CountAsync(r => r.JobName == JobCatalog.EmailDelivery && r.FinishedAt != null);
    }

    private static FormUrlEncodedContent Trigger(string job) => new([new("jobs[]", job)]);

    private static async Task<HttpClient> SignedInAsync(InvoiceHubFactory app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SsrForm.SignInAsync(client, email, DemoUsers.Password);
        return client;
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
