using System.Text;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Infrastructure.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Hardening;

/// <summary>
/// Live updates stay with their client: when a payment of Client A settles, Client B's open dashboard and payment
/// link hear nothing of it (no event reaches B's subscription, no render batch reaches B's browser), while A's own
/// dashboard refreshes by itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveUpdateIsolationTests(BrowserFixture browser)
{
    private const float Patience = 20_000;

    [Fact]
    public async Task A_clients_subscription_hears_its_own_committed_changes_and_never_another_clients()
    {
        await using var t = await HardeningApp.StartAsync();
        var figures = new ReliabilityFigures("live-update-events", "Access", "Live-update events after commit: each client's subscription hears only its own documents");
        var events = t.App.Services.GetRequiredService<DocumentEvents>();
        var heardByA = new List<DocumentChanged>();
        var heardByB = new List<DocumentChanged>();
        var heardByStaff = new List<DocumentChanged>();
        void Staff(DocumentChanged change) { lock (heardByStaff) { heardByStaff.Add(change); } }
        events.Changed += Staff;
        using var a = events.Subscribe(t.A.ClientId, change => { lock (heardByA) { heardByA.Add(change); } });
        var b = events.Subscribe(t.B.ClientId, change => { lock (heardByB) { heardByB.Add(change); } });
        try
        {
            var api = t.Callers["key-finance"];
            async Task PayAsync(ClientWorld world, string euros)
            {
                using var response = await api.PostAsync($"/api/v1/invoices/{world.InvoiceId}/payments", new StringContent(
                    $"{{\"amount\":{{\"currency\":\"EUR\",\"value\":\"{euros}\"}},\"method\":\"cash\",\"reference\":\"live\",\"receivedOn\":\"2026-11-01\"}}",
                    Encoding.UTF8, "application/json"));
                Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                figures.Operation();
            }

            // Publishing happens after commit, before the response is written: the lists are complete when the call returns.
            await PayAsync(t.A, "1.00");
            figures.Check(heardByA.Contains(new DocumentChanged(DocumentKind.Invoice, t.A.InvoiceId, t.A.ClientId)), "A did not hear of its own invoice: " + string.Join(", ", heardByA));
            figures.Check(heardByB.Count == 0, "B heard of A's payment: " + string.Join(", ", heardByB));
            figures.Check(heardByStaff.Any(c => c.ClientId == t.A.ClientId), "staff pages did not hear of A's payment");

            await PayAsync(t.B, "2.00");
            figures.Check(heardByB.Contains(new DocumentChanged(DocumentKind.Invoice, t.B.InvoiceId, t.B.ClientId)), "B did not hear of its own invoice: " + string.Join(", ", heardByB));
            figures.Check(heardByA.All(c => c.ClientId == t.A.ClientId), "A heard of B's payment: " + string.Join(", ", heardByA));
            figures.Check(heardByB.All(c => c.ClientId == t.B.ClientId), "B heard of another client: " + string.Join(", ", heardByB));

            // A closed page (disposed subscription) hears nothing more.
            b.Dispose();
            var heardBefore = heardByB.Count;
            await PayAsync(t.B, "3.00");
            figures.Check(heardByB.Count == heardBefore, "a disposed subscription still heard B's payment");
            figures.Check(heardByStaff.Count(c => c.Kind == DocumentKind.Invoice && c.Id == t.B.InvoiceId) == 2, "staff pages missed one of B's payments");
            figures.Detail("changes heard by A / B / staff", $"{heardByA.Count} / {heardByB.Count} / {heardByStaff.Count}");
        }
        finally
        {
            events.Changed -= Staff;
            b.Dispose();
        }
        figures.WriteAndAssertClean();
    }

    [RequiresChromiumFact]
    public async Task A_payment_of_client_A_refreshes_As_dashboard_and_sends_nothing_to_client_Bs_dashboard_or_payment_link()
    {
        await using var t = await HardeningApp.StartAsync(kestrel: true);
        var figures = new ReliabilityFigures("live-update-browsers", "Access", "Live updates in real browsers: A's settled payment reaches A's dashboard, nothing reaches B's dashboard or payment link");
        var secretsOfA = new[] { t.A.Name, t.A.InvoiceNumber, t.A.TotalText, t.A.TotalText.Replace('.', ',') };

        await using var sessionA = await browser.NewSessionAsync(t.App.BaseAddress, nameof(A_payment_of_client_A_refreshes_As_dashboard_and_sends_nothing_to_client_Bs_dashboard_or_payment_link) + "-a");
        await using var sessionB = await browser.NewSessionAsync(t.App.BaseAddress, nameof(A_payment_of_client_A_refreshes_As_dashboard_and_sends_nothing_to_client_Bs_dashboard_or_payment_link) + "-b");
        await using var sessionLink = await browser.NewSessionAsync(t.App.BaseAddress, nameof(A_payment_of_client_A_refreshes_As_dashboard_and_sends_nothing_to_client_Bs_dashboard_or_payment_link) + "-link");
        var dashboardB = new RenderBatches(sessionB.Page);
        var linkB = new RenderBatches(sessionLink.Page);

        await sessionA.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await sessionA.GotoInteractiveAsync("/portal");
        await sessionB.SignInAsync(HardeningApp.ClientBEmail, DemoUsers.Password);
        await sessionB.GotoInteractiveAsync("/portal");
        await sessionLink.GotoInteractiveAsync("/pay/" + t.B.PayToken);
        var rowA = sessionA.Page.Locator($"[data-testid='unpaid-row'][data-number='{t.A.InvoiceNumber}']");
        var rowB = sessionB.Page.Locator($"[data-testid='unpaid-row'][data-number='{t.B.InvoiceNumber}']");
        await Assertions.Expect(rowA).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(rowB).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(sessionLink.Page.GetByTestId("document-number")).ToContainTextAsync(t.B.InvoiceNumber, new() { Timeout = Patience });
        // A page may still send a batch of its own loading (the payment link lists Mollie's methods after it shows the
        // document): the measurement starts once both of B's pages have been quiet for a second.
        var (dashboardBefore, linkBefore) = await QuietAsync(dashboardB, linkB);

        // A pays at Mollie; the webhook settles the invoice and A's open dashboard drops the row by itself.
        await t.Payments.SetMollieStatusAsync(await t.Payments.ProviderIdOfAsync(t.A.PaymentId), "paid");
        await t.Payments.WaitUntilAsync(db => db.Invoices.Single(i => i.Id == t.A.InvoiceId).Status == InvoiceStatus.Paid, "A's invoice is paid");
        await Assertions.Expect(rowA).ToHaveCountAsync(0, new() { Timeout = Patience });
        figures.Operation();
        await sessionA.ScreenshotAsync("a-refreshed");

        // Then B's own invoice settles. B's circuit handles its work in order, so a render caused by A's payment
        // would have reached B's browser before the one caused by B's own payment, which the test waits for.
        await t.Payments.SetMollieStatusAsync(await t.Payments.ProviderIdOfAsync(t.B.PaymentId), "paid");
        await Assertions.Expect(rowB).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(sessionLink.Page.GetByTestId("document-status")).ToHaveTextAsync("Paid", new() { Timeout = Patience });
        figures.Operation();
        await sessionB.ScreenshotAsync("b-refreshed");

        foreach (var (name, session, batches, before, firstChange) in new[]
                 {
                     ("B's dashboard", sessionB, dashboardB, dashboardBefore, t.B.InvoiceNumber),
                     ("B's payment link", sessionLink, linkB, linkBefore, "Paid"),
                 })
        {
            var afterA = batches.Since(before);
            figures.Check(afterA.Count > 0, $"{name} received no render batch even for B's own payment (the measurement is blind)");
            // A re-render caused by A's payment would repeat B's unchanged page; the first batch after A's payment
            // must already carry B's own change (the number moving to Paid, the status Paid).
            figures.Check(afterA.Count > 0 && afterA[0].AsSpan().IndexOf(Encoding.UTF8.GetBytes(firstChange)) >= 0,
                $"{name}: the first render batch after A's payment is not B's own change");
            var html = await session.Page.ContentAsync();
            foreach (var secret in secretsOfA)
            {
                foreach (var batch in batches.All)
                {
                    figures.Check(batch.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{name} received A's \"{secret}\" over its circuit");
                }
                figures.Check(!html.Contains(secret, StringComparison.Ordinal), $"{name} shows A's \"{secret}\"");
            }
            figures.Detail($"{name}: render batches from A's payment to B's own", afterA.Count);
        }
        figures.WriteAndAssertClean();
    }

    private static async Task<(int, int)> QuietAsync(RenderBatches first, RenderBatches second)
    {
        var counts = (first.Count, second.Count);
        var quietSince = DateTime.UtcNow;
        var deadline = quietSince.AddMilliseconds(Patience);
        while (DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(1))
        {
            Assert.True(DateTime.UtcNow < deadline, "B's pages never stopped rendering after they loaded.");
            await Task.Delay(100);
            if ((first.Count, second.Count) != counts)
            {
                counts = (first.Count, second.Count);
                quietSince = DateTime.UtcNow;
            }
        }
        return counts;
    }

    /// <summary>The render batches the server sends to one page over its <c>/_blazor</c> socket, in order.</summary>
    private sealed class RenderBatches
    {
        private static readonly byte[] Marker = Encoding.UTF8.GetBytes("JS.RenderBatch");
        private readonly List<byte[]> _batches = [];

        public RenderBatches(IPage page) => page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                socket.FrameReceived += (_, frame) =>
                {
                    var payload = frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? "");
                    if (payload.AsSpan().IndexOf(Marker) >= 0)
                    {
                        lock (_batches)
                        {
                            _batches.Add(payload);
                        }
                    }
                };
            }
        };

        public int Count { get { lock (_batches) { return _batches.Count; } } }

        public List<byte[]> All => Since(0);

        public List<byte[]> Since(int index) { lock (_batches) { return _batches.Skip(index).ToList(); } }
    }
}
