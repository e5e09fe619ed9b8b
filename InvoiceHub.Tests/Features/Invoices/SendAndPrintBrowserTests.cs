using System.Text;
using InvoiceHub.Domain.Invoices;
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

        // Send & Print shows the email first; Finance changes the message, then sends it and the same PDF downloads.
        await page.GetByTestId("send-print").ClickAsync();
        var dialog = page.GetByTestId("send-invoice-dialog");
        await Assertions.Expect(dialog.GetByLabel("To")).ToHaveValueAsync(email);
        await Assertions.Expect(dialog.GetByLabel("Subject")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(invoice.Number!));
        await Assertions.Expect(dialog.GetByTestId("send-attachment")).ToHaveTextAsync($"{invoice.Number}.pdf");
        await dialog.GetByLabel("To").FillAsync("not an address");
        await dialog.GetByLabel("Message").FillAsync("Thank you for the <i>May</i> lessons.\nSee you in June.");
        await dialog.GetByTestId("confirm-send").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("field-error")).ToContainTextAsync("email address");
        await session.ScreenshotAsync("preview-refused");
        await dialog.GetByLabel("To").FillAsync(email);
        var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByTestId("confirm-send").ClickAsync());
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Invoice sent to {email}");
        await session.ScreenshotAsync("sent");
        Assert.Equal($"{invoice.Number}.pdf", download.SuggestedFilename);
        byte[] downloaded;
        await using (var stream = await download.CreateReadStreamAsync())
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy);
            downloaded = copy.ToArray();
        }

        await using var db = App.CreateDbContext();
        var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.To == email);
        Assert.Equal(DocumentEmails.InvoiceSentKind, message.Kind);
        Assert.Contains(invoice.Number!, message.Subject, StringComparison.Ordinal);
        Assert.Equal($"{invoice.Number}.pdf", message.AttachmentName);
        Assert.Equal("application/pdf", message.AttachmentContentType);
        Assert.Equal(downloaded, message.AttachmentContent);
        // The email and its PDF carry the same payment link, which works without signing in.
        var link = Assert.Single(PdfText.Links(downloaded));
        Assert.StartsWith($"{App.BaseAddress}pay/", link, StringComparison.Ordinal);
        Assert.Contains(link, message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(link, PdfText.Extract(downloaded), StringComparison.Ordinal);
        Assert.Contains("Thank you for the <i>May</i> lessons.\nSee you in June.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Thank you for the &lt;i&gt;May&lt;/i&gt; lessons.<br>See you in June.", message.HtmlBody, StringComparison.Ordinal);
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
    public async Task A_client_without_a_portal_account_pays_the_sent_invoice_from_the_emailed_link_without_signing_in()
    {
        const float patience = 30_000;
        var email = $"{Guid.NewGuid():N}@example.test";
        var clientId = await Data.CreateClientAsync("Link-only Lena", email);
        var invoice = await Data.OpenInvoiceAsync(clientId, "64.00");

        await using (var finance = await Browser.NewSessionAsync(App.BaseAddress, nameof(A_client_without_a_portal_account_pays_the_sent_invoice_from_the_emailed_link_without_signing_in) + "-finance"))
        {
            await finance.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
            await finance.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
            await finance.Page.GetByTestId("send-print").ClickAsync();
            await finance.Page.RunAndWaitForDownloadAsync(() => finance.Page.GetByTestId("confirm-send").ClickAsync());
            await Assertions.Expect(finance.Page.Locator(".mud-snackbar")).ToContainTextAsync($"Invoice sent to {email}");
        }

        // The in-app mailbox shows the email as the client receives it: its button and its PDF carry one link.
        string href;
        await using (var admin = await Browser.NewSessionAsync(App.BaseAddress, nameof(A_client_without_a_portal_account_pays_the_sent_invoice_from_the_emailed_link_without_signing_in) + "-mailbox"))
        {
            await admin.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
            await admin.Page.GotoAsync($"/admin/mailbox?to={Uri.EscapeDataString(email)}");
            await Assertions.Expect(admin.Page.GetByTestId("mailbox-list").Locator("a")).ToHaveCountAsync(1);
            href = await admin.Page.FrameLocator("[data-testid='mail-body']").Locator("a[href*='/pay/']").First.GetAttributeAsync("href") ?? "";
            Assert.StartsWith($"{App.BaseAddress}pay/", href, StringComparison.Ordinal);
            var attachment = await admin.Page.APIRequest.GetAsync(await admin.Page.GetByTestId("mail-attachment").GetAttributeAsync("href") ?? "");
            Assert.Equal(200, attachment.Status);
            Assert.Equal([href], PdfText.Links(await attachment.BodyAsync()));
            await admin.ScreenshotAsync("mailbox");
        }

        await using var client = await Browser.NewSessionAsync(App.BaseAddress, nameof(A_client_without_a_portal_account_pays_the_sent_invoice_from_the_emailed_link_without_signing_in));
        var page = client.Page;
        await client.GotoInteractiveAsync(href);
        await Assertions.Expect(page.GetByTestId("document-number")).ToContainTextAsync(invoice.Number!, new() { Timeout = patience });
        // The page the link opens offers the same PDF, for anyone holding the link.
        var pdf = await page.APIRequest.GetAsync(await page.GetByTestId("download-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.Equal([href], PdfText.Links(await pdf.BodyAsync()));
        Assert.Equal(404, (await page.APIRequest.GetAsync("/pay/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/pdf")).Status);
        await page.GetByTestId("method-creditcard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("method-creditcard")).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = patience });
        await page.GetByTestId("pay-now").ClickAsync();
        await client.PayAtSimulatorCheckoutAsync($"{App.BaseAddress}mollie-simulator/", invoice.Number, patience);
        await Assertions.Expect(page.GetByTestId("payment-return")).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = patience });
        await client.ScreenshotAsync("paid");
        Assert.Equal(InvoiceStatus.Paid, (await Data.InvoiceAsync(invoice.Id)).Status);
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
