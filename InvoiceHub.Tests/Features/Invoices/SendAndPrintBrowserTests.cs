using System.Text;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>Send &amp; Print queues the invoice email with its PDF and downloads the PDF; the settings switch shows Pay From Credit.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SendAndPrintBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Send_and_print_queues_the_email_with_the_pdf_and_downloads_it()
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        var clientId = await Data.CreateClientAsync("Zoë <b>O'Brien</b> & Co", email);
        var invoice = await Data.OpenInvoiceAsync(clientId, "75.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Send_and_print_queues_the_email_with_the_pdf_and_downloads_it));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        var page = session.Page;

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Send & Print" }).ClickAsync());
        await Assertions.Expect(page.Locator(".toast")).ToContainTextAsync($"Invoice sent to {email}");
        await session.ScreenshotAsync("sent");
        Assert.Equal($"{invoice.Number}.pdf", download.SuggestedFilename);
        await using (var stream = await download.CreateReadStreamAsync())
        {
            var head = new byte[4];
            await stream.ReadExactlyAsync(head);
            Assert.Equal("%PDF", Encoding.ASCII.GetString(head));
        }

        await using var db = App.CreateDbContext();
        var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.To == email);
        Assert.Equal(DocumentEmails.InvoiceSentKind, message.Kind);
        Assert.Contains(invoice.Number!, message.Subject, StringComparison.Ordinal);
        Assert.Equal($"{invoice.Number}.pdf", message.AttachmentName);
        Assert.Equal("application/pdf", message.AttachmentContentType);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(message.AttachmentContent![..4]));
        Assert.Contains($"/portal/invoices/{invoice.Id}", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"/portal/invoices/{invoice.Id}", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Zoë <b>O'Brien</b> & Co", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(invoice.Id, message.InvoiceId);

        // The timeline lists the email with its delivery status: queued, then sent once the delivery job ran.
        var emailEntry = page.GetByTestId("timeline-entry").Filter(new() { HasText = "Email: invoice sent (Send & Print)" });
        await Assertions.Expect(emailEntry).ToContainTextAsync($"To {email}");
        await Assertions.Expect(emailEntry.GetByTestId("timeline-email-status")).ToHaveTextAsync("queued");
        await App.Services.GetRequiredService<JobsService>().RunNowAsync("email-delivery");
        await session.ReloadInteractiveAsync();
        await Assertions.Expect(emailEntry.GetByTestId("timeline-email-status")).ToHaveTextAsync("sent");
        await session.ScreenshotAsync("email-sent-in-timeline");
    }

    [RequiresChromiumFact]
    public async Task Switching_on_automatically_mark_invoices_paid_shows_pay_from_credit()
    {
        await Data.SetAutoMarkPaidAsync(false);
        var clientId = await Data.CreateClientAsync("Toggle Tom");
        var invoice = await Data.OpenInvoiceAsync(clientId, "50.00");
        await Data.AdjustBalanceAsync(clientId, "20.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Switching_on_automatically_mark_invoices_paid_shows_pay_from_credit));
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        var page = session.Page;
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        await Assertions.Expect(page.GetByTestId("invoice-actions")).ToContainTextAsync("Take Payment");
        await Assertions.Expect(page.GetByTestId("pay-from-credit")).ToHaveCountAsync(0);

        await session.GotoInteractiveAsync("/admin/settings");
        await page.GetByLabel("Automatically mark Invoices paid", new() { Exact = true }).SetCheckedAsync(true);
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-saved")).ToBeVisibleAsync();

        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        await Assertions.Expect(page.GetByTestId("pay-from-credit")).ToHaveTextAsync("Pay From Credit");
        await session.ScreenshotAsync("pay-from-credit-shown");
    }
}
