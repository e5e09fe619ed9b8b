using System.Text.RegularExpressions;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Nodes;

/// <summary>
/// Two nodes behind nginx (docs/DEPLOYMENT.md): a page open through the proxy has its circuit on one node, Mollie's
/// webhook lands on the other, and the page still updates by itself (PostgreSQL LISTEN/NOTIFY); a node that dies
/// leaves the other serving, and the page starts over there.
/// </summary>
[Collection(TwoNodesCollection.Name)]
public sealed partial class TwoNodesBrowserTests(TwoNodes nodes)
{
    private const float WithinSeconds = 10_000;

    [RequiresTwoNodesFact]
    public async Task A_clients_dashboard_on_one_node_drops_the_invoice_when_the_webhook_settles_it_on_the_other()
    {
        await nodes.EnsureRunningAsync();
        var (invoiceId, number) = await nodes.OpenInvoiceOfDemoClientAsync(4_321);
        await using var session = await nodes.Browser.NewSessionAsync(nodes.ProxyAddress, nameof(A_clients_dashboard_on_one_node_drops_the_invoice_when_the_webhook_settles_it_on_the_other));
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync("/portal");
        var row = session.Page.Locator($"[data-testid='unpaid-row'][data-number='{number}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var circuitNode = await nodes.NodeBehindProxyAsync();

        var providerId = await nodes.PaidAtMollieAsync(invoiceId);
        using (var webhook = await nodes.PostWebhookAsync(1 - circuitNode, providerId))
        {
            Assert.True(webhook.IsSuccessStatusCode, $"webhook → {(int)webhook.StatusCode}");
        }

        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = WithinSeconds });
        await session.ScreenshotAsync("settled-on-the-other-node");
        Assert.Equal(circuitNode, await nodes.NodeBehindProxyAsync());
    }

    [RequiresTwoNodesFact]
    public async Task A_staff_invoice_page_on_one_node_shows_paid_when_the_webhook_settles_it_on_the_other()
    {
        await nodes.EnsureRunningAsync();
        var (invoiceId, _) = await nodes.OpenInvoiceOfDemoClientAsync(5_432);
        await using var session = await nodes.Browser.NewSessionAsync(nodes.ProxyAddress, nameof(A_staff_invoice_page_on_one_node_shows_paid_when_the_webhook_settles_it_on_the_other));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/invoices/{invoiceId}");
        var status = session.Page.GetByTestId("invoice-status").First;
        await Assertions.Expect(status).Not.ToHaveTextAsync("Paid");
        var circuitNode = await nodes.NodeBehindProxyAsync();

        var providerId = await nodes.PaidAtMollieAsync(invoiceId);
        using (var webhook = await nodes.PostWebhookAsync(1 - circuitNode, providerId))
        {
            Assert.True(webhook.IsSuccessStatusCode, $"webhook → {(int)webhook.StatusCode}");
        }

        await Assertions.Expect(status).ToHaveTextAsync("Paid", new() { Timeout = WithinSeconds });
        await session.ScreenshotAsync("paid-on-the-other-node");
    }

    [RequiresTwoNodesFact]
    public async Task When_the_node_holding_the_circuit_dies_the_page_starts_over_on_the_other_and_keeps_updating()
    {
        await nodes.EnsureRunningAsync();
        var (invoiceId, number) = await nodes.OpenInvoiceOfDemoClientAsync(6_543);
        await using var session = await nodes.Browser.NewSessionAsync(nodes.ProxyAddress, nameof(When_the_node_holding_the_circuit_dies_the_page_starts_over_on_the_other_and_keeps_updating));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync("/portal");
        var row = page.Locator($"[data-testid='unpaid-row'][data-number='{number}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var dying = await nodes.NodeBehindProxyAsync();
        var survivor = 1 - dying;

        // Gone after a reload: tells a page that started over by itself from one still waiting in the reconnect dialog.
        await page.EvaluateAsync("() => window.beforeTheNodeDied = true");
        try
        {
            await nodes.KillAsync(dying);

            // Blazor reconnects through nginx, which now reaches the survivor; it does not know the circuit and rejects it,
            // upon which .NET 10's reconnect dialog reloads the page at once; when the retries run out first, the dialog
            // gives up and offers its reload button.
            var modal = page.Locator("#components-reconnect-modal");
            var startedOver = await StartedOverOrGaveUpAsync(page, modal);
            await session.ScreenshotAsync("circuit-lost");
            var reload = modal.Locator("[data-reconnect-reload]");
            await session.WaitForInteractivityAsync(async () =>
            {
                if (startedOver)
                {
                    return;
                }
                if (await reload.IsVisibleAsync())
                {
                    await reload.ClickAsync();
                }
                else
                {
                    await page.ReloadAsync();
                }
            });
            // Still signed in: the survivor reads the cookie with the key ring both nodes share.
            Assert.EndsWith("/portal", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(survivor, await nodes.NodeBehindProxyAsync());
            await Assertions.Expect(row).ToHaveCountAsync(1);

            // The new circuit lives: the survivor settles the invoice and the page drops it by itself.
            var providerId = await nodes.PaidAtMollieAsync(invoiceId);
            using (var webhook = await nodes.PostWebhookAsync(survivor, providerId))
            {
                Assert.True(webhook.IsSuccessStatusCode, $"webhook → {(int)webhook.StatusCode}");
            }
            await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = WithinSeconds });
            await session.ScreenshotAsync("working-on-the-survivor");
        }
        finally
        {
            // The next test finds both nodes again (the dead one back on its own port).
            await nodes.EnsureRunningAsync();
        }
    }

    /// <summary>True when the page reloaded by itself, false when the dialog gave up; fails after 30 s of neither.</summary>
    private static async Task<bool> StartedOverOrGaveUpAsync(IPage page, ILocator modal)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (!await page.EvaluateAsync<bool>("() => window.beforeTheNodeDied === true"))
                {
                    return true;
                }
                if (GivenUp().IsMatch(await modal.GetAttributeAsync("class", new() { Timeout = 1_000 }) ?? ""))
                {
                    return false;
                }
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // The page is in the middle of its own reload (no dialog yet): the next look finds it started over.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("30 s after its node died the page had neither reloaded itself nor shown that the reconnect gave up.");
    }

    [GeneratedRegex(@"\bcomponents-reconnect-(rejected|failed)\b")]
    private static partial Regex GivenUp();
}
