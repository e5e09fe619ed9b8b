using System.Net;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Jobs;

public sealed class JobsPagesTests
{
    [Fact]
    public async Task The_Development_mailbox_shows_an_email_in_a_sandboxed_frame_with_its_HTML_encoded_into_srcdoc()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true });
        await using (var db = app.CreateDbContext())
        {
            await app.Services.GetRequiredService<EmailOutbox>().EnqueueAsync(db, new EmailMessage(
                "mila@example.test", "Reminder: invoice INV-2026-00042 is due today",
                "<p>Due today.</p><p><a href=\"http://localhost:5080/portal/invoices/42\">Pay Now</a></p><script>alert(1)</script>", "Due today.", "reminder"));
            await db.SaveChangesAsync();
        }
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SsrForm.SignInAsync(browser, DemoUsers.Admin, DemoUsers.Password);

        using var response = await browser.GetAsync("/admin/mailbox?to=mila@example.test");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Reminder: invoice INV-2026-00042 is due today", html);
        Assert.Contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"", html);
        // The body follows the company header that every email starts with.
        Assert.Contains("srcdoc=\"&lt;base target=&quot;_top&quot;&gt;&lt;div data-email-header", html);
        Assert.Contains("&lt;/div&gt;&lt;p&gt;Due today.&lt;/p&gt;", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
    }

    [Fact]
    public async Task The_jobs_page_and_the_Development_mailbox_link_are_for_Admins_only()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true });
        using var finance = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SsrForm.SignInAsync(finance, DemoUsers.Finance, DemoUsers.Password);
        using var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SsrForm.SignInAsync(admin, DemoUsers.Admin, DemoUsers.Password);

        using var refused = await finance.GetAsync("/admin/jobs");
        using var shown = await admin.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("access-denied", refused.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"job-reminders\"", html);
        Assert.Contains("data-testid=\"run-auto-charge\"", html);
        Assert.Contains("href=\"/admin/mailbox\"", html);
        Assert.DoesNotContain("href=\"/admin/mailbox\"", await finance.GetStringAsync("/admin"));
    }
}
