using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.MollieSimulator;
using InvoiceHub.Tests.Hardening;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Jobs.EmailDelivery;
using InvoiceHub.Web.Features.Jobs.Reminders;
using InvoiceHub.Web.Infrastructure.Security;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>
/// The app as a real process (<c>dotnet InvoiceHub.Web.dll</c>) on a SQLite file, the Mollie simulator and a real SMTP
/// server on loopback: auto-charge, reminders and email delivery are started and the process is killed with SIGKILL
/// after a random delay, several times; then it runs to the end and the simulator, the SMTP server and the database
/// are counted.
/// </summary>
[Collection(Name)]
public sealed partial class JobsCrashTests(ITestOutputHelper output)
{
    /// <summary>Alone, after the parallel tests: its timings are the app's, not the rest of the suite's.</summary>
    public const string Name = "Process kills";

    private const int Charged = 5;
    private const int Reminded = 5;
    /// <summary>
    /// A hard stop. Most of the time is the app starting (over 10 s on a machine busy with parallel builds), so kill
    /// rounds stop being added after <see cref="KillPhase"/>.
    /// </summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan KillPhase = TimeSpan.FromSeconds(25);
    private static readonly string[] Jobs = [JobCatalog.Reminders, JobCatalog.AutoCharge, JobCatalog.EmailDelivery];
    private static readonly string[] KillSteps = ["charge started", "charge submitted", "email queued", "email sent"];

    [Fact]
    public async Task Killing_the_app_mid_run_charges_and_emails_nothing_twice_and_loses_nothing()
    {
        var watch = Stopwatch.StartNew();
        using var budget = new CancellationTokenSource(Budget);
        var figures = new ReliabilityFigures("crash-jobs", "Crash safety", "SIGKILL during auto-charge, reminders and email delivery");
        await using var simulator = await MollieSimulatorHost.StartAsync(o => o.RecurringSettleDelay = TimeSpan.FromMilliseconds(300));
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = new AppProcess(simulator, smtp.Port);

        await app.StartAsync(budget.Token);
        using var api = await app.ApiAsync();
        var (charged, reminded) = await SeedAsync(api);

        // Kill rounds: every job started at once; SIGKILL a random 0-150 ms after a randomly chosen step was first seen
        // in the database (or after 4 s). At least two rounds, more while the budget allows.
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var kills = new List<string>();
        while (kills.Count < 2 || (kills.Count < 5 && watch.Elapsed < KillPhase))
        {
            if (kills.Count > 0)
            {
                await app.StartAsync(budget.Token);
            }
            foreach (var job in Jobs)
            {
                _ = app.TriggerAsync(api, job);
            }
            var step = KillSteps[random.Next(KillSteps.Length)];
            var seen = await app.WaitForAsync(step, TimeSpan.FromSeconds(4), budget.Token);
            var delay = random.Next(0, 150);
            await Task.Delay(delay, budget.Token);
            app.Kill();
            kills.Add($"{(seen ? "" : "not seen: ")}{step} +{delay} ms ({await app.ProgressAsync()})");
            figures.Fault();
        }

        // Recovery: the same process start again, each job run until every charge is paid and every email sent.
        await app.StartAsync(budget.Token);
        while (!await app.DoneAsync(charged, reminded))
        {
            foreach (var job in Jobs)
            {
                figures.Operation();
                await app.RunAsync(api, job, budget.Token);
            }
            await Task.Delay(200, budget.Token);
        }
        await app.StopAsync();

        await CountAsync(figures, app, simulator, smtp, charged, reminded, kills.Count);
        figures.Detail("kill rounds", kills.Count);
        figures.Detail("kill points", string.Join("; ", kills));
        figures.Detail("random seed", seed);
        figures.Detail("seconds", watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        foreach (var (key, value) in figures.Details)
        {
            output.WriteLine($"{key}: {value}");
        }
        figures.WriteAndAssertClean();
    }

    private static async Task<(List<int> Charged, List<int> Reminded)> SeedAsync(HttpClient api)
    {
        var settings = await api.GetFromJsonAsync<JsonObject>("/api/v1/settings") ?? throw new InvalidOperationException("No settings.");
        settings["autoCharge"] = true;
        settings["onlineInvoicePayment"] = true;
        (await api.PutAsJsonAsync("/api/v1/settings", settings)).EnsureSuccessStatusCode();

        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var charged = new List<int>();
        var reminded = new List<int>();
        for (var i = 0; i < Charged + Reminded; i++)
        {
            var toCharge = i < Charged;
            var client = (await PostAsync(api, "/api/v1/clients", new { name = $"Client {i}", email = $"client{i}@example.test" }))["id"]!.GetValue<int>();
            if (toCharge)
            {
                await PostAsync(api, $"/api/v1/clients/{client}/mandates", new { method = "directdebit", consumerName = $"Client {i}", consumerAccount = "NL55INGB0000000000" });
            }
            var request = await PostAsync(api, "/api/v1/credit-requests", new
            {
                clientId = client,
                amount = new { currency = "EUR", value = $"{20 + i}.00" },
                description = "Top-up",
                // Reminders for the requests without a mandate only: a charged request is paid before it is due.
                dueDate = toCharge ? null : today,
            });
            (toCharge ? charged : reminded).Add(request["id"]!.GetValue<int>());
        }
        return (charged, reminded);
    }

    private static async Task<JsonNode> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task CountAsync(ReliabilityFigures figures, AppProcess app, MollieSimulatorHost simulator, SmtpTestServer smtp,
        List<int> charged, List<int> reminded, int kills)
    {
        // Charges at the simulator, by the attempt's idempotency key (metadata.autoCharge).
        using var mollie = new HttpClient { BaseAddress = simulator.ApiBaseAddress };
        mollie.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppProcess.MollieKey);
        var payments = (await mollie.GetFromJsonAsync<JsonObject>("payments?limit=250"))!["_embedded"]!["payments"]!.AsArray()
            .Select(p => (Key: (string?)p!["metadata"]?["autoCharge"], Status: (string)p!["status"]!)).ToList();
        foreach (var attempt in payments.GroupBy(p => p.Key))
        {
            figures.Check(attempt.Key is not null, "a payment at Mollie that no auto-charge attempt made");
            figures.Check(attempt.Count() == 1, $"{attempt.Key} was charged {attempt.Count()} times");
        }
        foreach (var request in charged)
        {
            var paid = payments.Count(p => p.Status == "paid" && p.Key?.StartsWith($"autocharge:credit-request:{request}:", StringComparison.Ordinal) == true);
            figures.Check(paid == 1, $"credit request {request} was paid {paid} times at Mollie");
        }

        // Emails at the SMTP server, by Message-ID (one per outbox message, and one outbox message per deduplication key).
        await using var db = app.CreateDbContext();
        var outbox = await db.Outbox.AsNoTracking().ToListAsync();
        var deliveries = smtp.Messages().Select(m => MessageIdHeader().Match(m).Groups[1].Value.Trim()).ToList();
        var byId = outbox.ToDictionary(SmtpEmailSender.MessageIdOf);
        foreach (var delivered in deliveries.GroupBy(d => d))
        {
            figures.Check(byId.ContainsKey(delivered.Key), $"an email with an unknown Message-ID {delivered.Key}");
        }
        foreach (var message in outbox)
        {
            figures.Check(deliveries.Contains(SmtpEmailSender.MessageIdOf(message)), $"outbox message {message.Id} ({message.DeduplicationKey}) never reached the SMTP server");
        }
        figures.Check(outbox.Where(m => m.DeduplicationKey is not null).GroupBy(m => m.DeduplicationKey).All(g => g.Count() == 1), "two outbox messages share a deduplication key");
        foreach (var request in reminded)
        {
            var key = ReminderJob.Key("credit-request", request, 0);
            figures.Check(outbox.Any(m => m.DeduplicationKey == key), $"no reminder for credit request {request}");
        }
        var redelivered = deliveries.Count - deliveries.Distinct().Count();
        // The at-least-once window: a kill between the SMTP hand-over and marking the message sent resends it, same Message-ID.
        figures.Check(redelivered <= kills, $"{redelivered} re-deliveries for {kills} kills");

        var requests = await db.CreditRequests.AsNoTracking().Where(r => charged.Contains(r.Id)).ToListAsync();
        figures.Check(requests.All(r => r.Status == CreditRequestStatus.Paid), "a charged credit request is not Paid");
        figures.Detail("charges at Mollie", payments.Count);
        figures.Detail("charges paid", payments.Count(p => p.Status == "paid"));
        figures.Detail("emails in outbox", outbox.Count);
        figures.Detail("emails delivered", deliveries.Count);
        figures.Detail("emails re-delivered (same Message-ID)", redelivered);
        figures.Operation(payments.Count + deliveries.Count);
    }

    [GeneratedRegex(@"^Message-ID:\s*(.+)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdHeader();

    /// <summary><c>dotnet InvoiceHub.Web.dll</c> from the Web project's build output, on one SQLite file for all its lives.</summary>
    private sealed class AppProcess(MollieSimulatorHost simulator, int smtpPort) : IAsyncDisposable
    {
        public const string MollieKey = "test_invoicehub_crash_tests";

        private readonly string _folder = Directory.CreateTempSubdirectory("invoicehub-crash-").FullName;
        private readonly int _port = SmtpTestServer.FreePort();
        private Process? _process;

        private string ConnectionString => $"Data Source={Path.Combine(_folder, "invoicehub.db")}";

        private Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

        public async Task StartAsync(CancellationToken ct)
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory);
            var web = Path.Combine(RepositoryRoot.Path, "InvoiceHub.Web", "bin", output.Parent!.Name, output.Name);
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(web, "InvoiceHub.Web.dll"));
            var settings = new Dictionary<string, string>
            {
                ["urls"] = BaseAddress.ToString(),
                ["Database:Provider"] = "Sqlite",
                [$"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}"] = ConnectionString,
                ["DemoData:Seed"] = "false",
                ["MollieSimulator:Enabled"] = "false",
                ["Mollie:BaseAddress"] = simulator.ApiBaseAddress.ToString(),
                ["Mollie:ApiKey"] = MollieKey,
                ["Mollie:RetryBaseDelay"] = "00:00:00.050",
                ["Jobs:Smtp:Host"] = "127.0.0.1",
                ["Jobs:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
                ["Jobs:Smtp:From"] = "InvoiceHub <billing@invoicehub.test>",
                ["Jobs:PublicBaseUrl"] = BaseAddress.ToString(),
                ["PaymentLinks:PublicBaseUrl"] = BaseAddress.ToString(),
                ["Logging:LogLevel:Default"] = "Warning",
            };
            foreach (var job in JobCatalog.All)
            {
                settings[$"Jobs:Schedules:{job.Name}"] = InvoiceHubFactory.NeverCron;
            }
            foreach (var (key, value) in settings)
            {
                start.ArgumentList.Add($"--{key}={value}");
            }
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;

            using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            while (true)
            {
                Assert.False(process.HasExited, $"the app exited with {(process.HasExited ? process.ExitCode : 0)}");
                try
                {
                    using var health = await probe.GetAsync("/health", ct);
                    if (health.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(100, ct);
            }
        }

        /// <summary>SIGKILL: no shutdown, no flushing, no finally blocks.</summary>
        public void Kill()
        {
            _process!.Kill();
            _process.WaitForExit();
            _process.Dispose();
            _process = null;
        }

        public async Task StopAsync()
        {
            var process = _process!;
            process.Kill(); // the end of the test: how it stops no longer matters
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }

        public InvoiceHubDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
            DatabaseRegistration.Configure(options, DatabaseProvider.Sqlite, ConnectionString);
            return new InvoiceHubDbContext(options.Options);
        }

        public async Task<HttpClient> ApiAsync()
        {
            await using var db = CreateDbContext();
            var key = await Api.ApiApp.IssueKeyAsync(db, Roles.Admin);
            var api = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return api;
        }

        /// <summary>Run now, not waiting: the answer never comes when the process is killed first.</summary>
        public async Task TriggerAsync(HttpClient api, string job)
        {
            try
            {
                using var response = await api.PostAsync($"/api/v1/jobs/{job}/run", null);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
        }

        public async Task RunAsync(HttpClient api, string job, CancellationToken ct)
        {
            using var response = await api.PostAsync($"/api/v1/jobs/{job}/run", null, ct);
            response.EnsureSuccessStatusCode();
        }

        public async Task<string> ProgressAsync()
        {
            await using var db = CreateDbContext();
            var sent = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent);
            var pending = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending);
            var attempts = await db.Set<Web.Features.Jobs.AutoCharge.AutoChargeAttempt>().AsNoTracking().GroupBy(a => a.Status).Select(g => g.Key + " " + g.Count()).ToListAsync();
            return $"emails {sent} sent {pending} pending, attempts {(attempts.Count == 0 ? "none" : string.Join(", ", attempts))}";
        }

        /// <summary>Polls the database until <paramref name="step"/> has happened once more than before; false after <paramref name="timeout"/>.</summary>
        public async Task<bool> WaitForAsync(string step, TimeSpan timeout, CancellationToken ct)
        {
            var before = await CountAsync(step, ct);
            var until = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < until)
            {
                if (await CountAsync(step, ct) > before)
                {
                    return true;
                }
                await Task.Delay(10, ct);
            }
            return false;
        }

        private async Task<int> CountAsync(string step, CancellationToken ct)
        {
            await using var db = CreateDbContext();
            var attempts = db.Set<Web.Features.Jobs.AutoCharge.AutoChargeAttempt>();
            return step switch
            {
                "charge started" => await attempts.CountAsync(ct),
                "charge submitted" => await attempts.CountAsync(a => a.ProviderPaymentId != null, ct),
                "email queued" => await db.Outbox.CountAsync(ct),
                _ => await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent, ct),
            };
        }

        public async Task<bool> DoneAsync(List<int> charged, List<int> reminded)
        {
            await using var db = CreateDbContext();
            var paid = await db.CreditRequests.CountAsync(r => charged.Contains(r.Id) && r.Status == CreditRequestStatus.Paid);
            var keys = reminded.Select(id => ReminderJob.Key("credit-request", id, 0)).ToList();
            var reminders = await db.Outbox.CountAsync(m => m.DeduplicationKey != null && keys.Contains(m.DeduplicationKey));
            var unsent = await db.Outbox.CountAsync(m => m.Status != OutboxStatus.Sent);
            return paid == charged.Count && reminders == reminded.Count && unsent == 0;
        }

        public ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                _process.WaitForExit();
            }
            _process?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}

[CollectionDefinition(JobsCrashTests.Name, DisableParallelization = true)]
public sealed class JobsCrashCollection;
