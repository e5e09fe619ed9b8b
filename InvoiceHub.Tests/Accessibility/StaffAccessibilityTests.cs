using InvoiceHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Accessibility;

/// <summary>
/// The back office (dashboard, clients, settings, payment providers, jobs, mailbox) as every role that may open each
/// page, in the light and the dark theme: axe-core's WCAG 2.1 A and AA rules find nothing, the drawer and app bar
/// included. One app with the demo data serves them all.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffAccessibilityTests(BrowserFixture browser) : IAsyncLifetime
{
    private InvoiceHubFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Pages Admin and Finance both open; <c>{client}</c> is a demo client with invoices and a ledger.</summary>
    private static readonly (string Name, string Path)[] StaffPages =
    [
        ("staff-dashboard", "/admin"),
        ("client-list", "/admin/clients"),
        ("client-detail", "/admin/clients/{client}"),
        ("client-new", "/admin/clients/new"),
        ("client-edit", "/admin/clients/{client}/edit"),
    ];

    private static readonly (string Name, string Path)[] AdminPages =
    [
        ("settings", "/admin/settings"),
        ("payment-providers", "/admin/payment-providers"),
        ("jobs", "/admin/jobs"),
        ("mailbox", "/admin/mailbox"),
    ];

    public static TheoryData<string, string, string, bool> Pages()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var dark in new[] { false, true })
        {
            foreach (var (name, path) in StaffPages)
            {
                data.Add(name, path, DemoUsers.Admin, dark);
                data.Add(name, path, DemoUsers.Finance, dark);
            }
            foreach (var (name, path) in AdminPages)
            {
                data.Add(name, path, DemoUsers.Admin, dark);
            }
        }
        return data;
    }

    [RequiresChromiumTheory]
    [MemberData(nameof(Pages))]
    public async Task Staff_page_has_no_violations(string name, string path, string email, bool dark)
    {
        var role = email == DemoUsers.Admin ? "admin" : "finance";
        var page = await ResolveAsync(path);
        if (!StaticPages.Contains(path))
        {
            await Axe.AssertSignedInPageAsync(browser, _app.BaseAddress, email, page, dark, $"staff-{name}-{role}");
            return;
        }
        // A static server-rendered page has no circuit to wait for: it is checked once it has loaded.
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, $"axe-staff-{name}");
        await session.WaitForInteractivityAsync(() => session.SignInAsync(email, DemoUsers.Password));
        await session.SetThemeAsync(dark);
        await session.Page.GotoAsync(page);
        await Axe.AssertNoViolationsAsync(session.Page, $"staff-{name}-{role}-{(dark ? "dark" : "light")}");
    }

    /// <summary>The pages rendered on the server without a circuit (a GET form is all they need).</summary>
    private static readonly HashSet<string> StaticPages = ["/admin/mailbox"];

    private async Task<string> ResolveAsync(string path)
    {
        if (!path.Contains("{client}", StringComparison.Ordinal))
        {
            return path;
        }
        await using var db = _app.CreateDbContext();
        // The demo portal client: they have documents and a ledger, so the page shows its tables and links.
        var clientId = await db.Clients.AsNoTracking()
            .OrderBy(c => c.Email == DemoUsers.Client ? 0 : 1).ThenBy(c => c.Id)
            .Select(c => c.Id).FirstAsync();
        return path.Replace("{client}", clientId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
