using System.Net;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>Two app nodes on one PostgreSQL database share one Hangfire storage (each node a job server of its own) and one Data Protection key ring.</summary>
[Collection(PostgresCollection.Name)]
public sealed class JobsClusterTests(PostgresServer postgres)
{
    private const string EveryTwoSeconds = "*/2 * * * * *";

    [RequiresPostgresFact]
    public async Task Each_scheduled_run_happens_on_one_node_and_the_other_takes_over_when_one_stops()
    {
        await using var first = await InvoiceHubFactory.CreateAsync(Node());
        var shared = first.ConnectionString;
        await using var second = await InvoiceHubFactory.CreateAsync(Node(shared));

        await WaitForRunsAsync(first, 6, TimeSpan.FromSeconds(60));
        var together = await RunsAsync(first);

        // Each fire time of the schedule ran on one node only, and runs never overlapped.
        Assert.All(together, r => Assert.NotNull(r.ScheduledFor));
        Assert.Equal(together.Count, together.Select(r => r.ScheduledFor).Distinct().Count());
        Assert.All(together.Zip(together.Skip(1)), pair => Assert.True(pair.First.FinishedAt <= pair.Second.StartedAt, "runs overlapped"));

        var firstId = first.Services.GetRequiredService<JobsNode>().Name;
        var secondId = second.Services.GetRequiredService<JobsNode>().Name;
        Assert.NotEqual(firstId, secondId);
        Assert.All(together, r => Assert.Contains(r.Node, new[] { firstId, secondId }));
        await first.StopServerAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        await WaitForRunsAsync(first, together.Count + 4, TimeSpan.FromSeconds(60));

        var after = (await RunsAsync(first)).Where(r => r.StartedAt > stoppedAt.AddSeconds(1)).ToList();
        Assert.True(after.Count >= 3, $"only {after.Count} runs after the first node stopped");
        Assert.All(after, r => Assert.Equal(secondId, r.Node));
        Assert.Equal(after.Count, after.Select(r => r.ScheduledFor).Distinct().Count());
    }

    [RequiresPostgresFact]
    public async Task A_sign_in_cookie_issued_by_one_node_opens_admin_on_the_other()
    {
        await using var first = await InvoiceHubFactory.CreateAsync(Node() with { SeedDemoData = true });
        await using var second = await InvoiceHubFactory.CreateAsync(Node(first.ConnectionString));
        using var signIn = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var signedIn = await SsrForm.SignInAsync(signIn, DemoUsers.Admin, DemoUsers.Password);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith("InvoiceHub.Auth=", StringComparison.Ordinal));
        using var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var anonymous = await other.GetAsync("/admin");
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/admin");
        withCookie.Headers.Add("Cookie", cookie);
        using var admin = await other.SendAsync(withCookie);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("data-testid=\"user-name\"", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = second.CreateDbContext();
        Assert.Single(await db.Set<DataProtectionKey>().AsNoTracking().ToListAsync());
    }

    [RequiresPostgresFact]
    public async Task A_node_stopped_while_its_job_server_is_still_starting_shuts_down_cleanly()
    {
        // The schedules are applied in the background once the app has started; stopping at once lands in that start.
        for (var round = 0; round < 5; round++)
        {
            var node = await InvoiceHubFactory.CreateAsync(Node());
            var stop = await Record.ExceptionAsync(async () => await node.DisposeAsync());
            Assert.Null(stop);
        }
    }

    private InvoiceHubOptions Node(string? sharedConnectionString = null)
    {
        var settings = new Dictionary<string, string?> { [$"Jobs:Schedules:{JobCatalog.EmailDelivery}"] = EveryTwoSeconds };
        if (sharedConnectionString is not null)
        {
            settings[$"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}"] = sharedConnectionString;
        }
        return new InvoiceHubOptions { Provider = DatabaseProvider.Postgres, Postgres = postgres, Settings = settings };
    }

    private static async Task<List<JobRun>> RunsAsync(InvoiceHubFactory app)
    {
        var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.Postgres, app.ConnectionString);
        await using var db = new InvoiceHubDbContext(options.Options);
        return await db.Set<JobRun>().AsNoTracking()
            .Where(r => r.JobName == JobCatalog.EmailDelivery && r.FinishedAt != null)
            .OrderBy(r => r.StartedAt).ToListAsync();
    }

    private static async Task WaitForRunsAsync(InvoiceHubFactory app, int count, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while ((await RunsAsync(app)).Count < count)
        {
            await Task.Delay(250, limit.Token);
        }
    }
}
