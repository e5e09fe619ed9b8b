using System.Globalization;
using InvoiceHub.Tests.Features.Jobs;
using InvoiceHub.Tests.Features.Receipts;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Receipts;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// Emails and PDFs for a client are written in the client's language (<c>Client.Language</c>), whoever sends them: staff
/// reading English, or a job. Labels come from EmailText and DocumentText; dates and amounts follow the client's culture.
/// </summary>
public sealed class DocumentLanguageTests : DemoAppTest
{
    /// <summary>What each language must show: the invoice's title and labels, the receipt's, and how 1234.56 is written.</summary>
    public static TheoryData<string, string[], string[], string[]> Languages_and_their_words() => new()
    {
        { "es", ["Factura", "Fecha de vencimiento", "Pendiente de pago", "Facturar a", "Cómo pagar"], ["Recibo del pago", "Recibido de", "Importe recibido"], ["Estimado/a", "Adjuntamos la factura", "Pendiente de pago: "] },
        { "nl", ["Factuur", "Vervaldatum", "Nog te betalen", "Factuur aan", "Zo betaalt u"], ["Betalingsbewijs voor betaling", "Ontvangen van", "Ontvangen bedrag"], ["Beste", "In de bijlage vindt u factuur", "Nog te betalen: "] },
    };

    [Theory]
    [MemberData(nameof(Languages_and_their_words))]
    public async Task Staff_reading_English_send_and_print_to_a_client_in_their_language(string code, string[] invoiceWords, string[] receiptWords, string[] emailWords)
    {
        var culture = Languages.Of(code).CultureInfo;
        var clientId = await ClientInAsync(code, $"Lingua {code}", $"lingua-{code}@example.test");
        var invoice = await Data.IssueAsync(await Data.DraftAsync(clientId, ("Lessons", 1m, "1234.56", 0m)));

        SentInvoice sent;
        using (Languages.Use(Languages.English))
        {
            await using var scope = App.Services.CreateAsyncScope();
            sent = await scope.ServiceProvider.GetRequiredService<SendInvoice>().HandleAsync(invoice.Id, new Uri("http://localhost/"));
            Assert.Equal("en", Languages.Current.Code);
        }

        var email = await SingleEmailAsync($"lingua-{code}@example.test", DocumentEmails.InvoiceSentKind);
        Assert.StartsWith(invoiceWords[0] + " " + invoice.Number, email.Subject, StringComparison.Ordinal);
        foreach (var word in emailWords)
        {
            Assert.Contains(word, email.TextBody, StringComparison.Ordinal);
        }
        Assert.Contains("1.234,56", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(invoice.DueDate.ToString("d MMM yyyy", culture), email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Dear", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Still to pay", email.TextBody, StringComparison.Ordinal);

        var pdf = PdfText.Extract(sent.Pdf);
        Assert.Equal(pdf, PdfText.Extract(email.AttachmentContent!));
        foreach (var word in invoiceWords)
        {
            Assert.Contains(word, pdf, StringComparison.Ordinal);
        }
        Assert.Contains("1.234,56", pdf, StringComparison.Ordinal);
        Assert.Contains(invoice.DueDate.ToString("d MMM yyyy", culture), pdf, StringComparison.Ordinal);
        Assert.DoesNotContain("Bill to", pdf, StringComparison.Ordinal);
        Assert.DoesNotContain("Still to pay", pdf, StringComparison.Ordinal);

        // The receipt of its payment, emailed when staff ask: the email and the PDF in the client's language too.
        var paymentId = await PayAsync(invoice.Id, "1234.56");
        using (Languages.Use(Languages.English))
        {
            await Handler<PaymentReceipts>().EmailAsync(paymentId);
        }
        var receipt = await SingleEmailAsync($"lingua-{code}@example.test", DocumentEmails.ReceiptKind);
        Assert.Contains("1.234,56", receipt.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Receipt", receipt.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Thank you", receipt.TextBody, StringComparison.Ordinal);
        var receiptPdf = PdfText.Extract(receipt.AttachmentContent!);
        foreach (var word in receiptWords)
        {
            Assert.Contains(word, receiptPdf, StringComparison.Ordinal);
        }
        Assert.Contains(invoiceWords[0] + " " + invoice.Number, receiptPdf, StringComparison.Ordinal);
        Assert.Contains("1.234,56", receiptPdf, StringComparison.Ordinal);
        Assert.Contains(DateOnly.FromDateTime(DateTime.UtcNow).ToString("d MMM yyyy", culture), receiptPdf, StringComparison.Ordinal);
        Assert.DoesNotContain("Received from", receiptPdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_English_clients_invoice_and_receipt_stay_English_whatever_the_sender_reads()
    {
        var clientId = await ClientInAsync("en", "Ellis English", "ellis@example.test");
        var invoice = await Data.IssueAsync(await Data.DraftAsync(clientId, ("Lessons", 1m, "1234.56", 0m)));

        SentInvoice sent;
        using (Languages.Use("es"))
        {
            await using var scope = App.Services.CreateAsyncScope();
            sent = await scope.ServiceProvider.GetRequiredService<SendInvoice>().HandleAsync(invoice.Id, new Uri("http://localhost/"));
        }

        var email = await SingleEmailAsync("ellis@example.test", DocumentEmails.InvoiceSentKind);
        Assert.StartsWith($"Invoice {invoice.Number} from ", email.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Dear Ellis English,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Still to pay: €1,234.56.", email.TextBody, StringComparison.Ordinal);
        var pdf = PdfText.Extract(sent.Pdf);
        Assert.Contains("Bill to", pdf, StringComparison.Ordinal);
        Assert.Contains("Still to pay", pdf, StringComparison.Ordinal);
        Assert.Contains("€1,234.56", pdf, StringComparison.Ordinal);
        Assert.Contains("1234.56", pdf, StringComparison.Ordinal);
        Assert.Contains(invoice.DueDate.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-US")), pdf, StringComparison.Ordinal);

        var paymentId = await PayAsync(invoice.Id, "1234.56");
        using (Languages.Use("nl"))
        {
            await Handler<PaymentReceipts>().EmailAsync(paymentId);
        }
        var receipt = await SingleEmailAsync("ellis@example.test", DocumentEmails.ReceiptKind);
        Assert.Equal("Receipt for your payment of €1,234.56", receipt.Subject);
        Assert.Contains("Received from", PdfText.Extract(receipt.AttachmentContent!), StringComparison.Ordinal);
    }

    private async Task<int> ClientInAsync(string code, string name, string email)
    {
        var id = await Data.CreateClientAsync(name, email);
        await using var db = App.CreateDbContext();
        (await db.Clients.SingleAsync(c => c.Id == id)).SetLanguage(code);
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<OutboxMessage> SingleEmailAsync(string to, string kind)
    {
        await using var db = App.CreateDbContext();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.To == to && m.Kind == kind);
    }
}

/// <summary>The reminder job writes each client's reminder in that client's language, within one batch.</summary>
public sealed class ReminderLanguageTests
{
    private static readonly DateOnly Due = new(2026, 12, 10);

    [Fact]
    public async Task One_run_reminds_a_Spanish_a_Dutch_and_an_English_client_each_in_their_own_language()
    {
        await using var app = await JobsTestApp.StartAsync(today: Due.AddDays(7));
        await app.SetSettingsAsync(s => s with { CompanyVatNumber = "NL001" });
        var invoices = new Dictionary<string, int>();
        foreach (var code in new[] { "es", "nl", "en" })
        {
            var client = await app.CreateClientAsync($"Client {code}", $"{code}@example.test");
            await using (var db = app.Factory.CreateDbContext())
            {
                (await db.Clients.SingleAsync(c => c.Id == client)).SetLanguage(code);
                await db.SaveChangesAsync();
            }
            invoices[code] = await app.OpenInvoiceAsync(client, Due, amountMinor: 123456);
        }

        var run = await app.RunAsync(JobCatalog.Reminders);

        Assert.Equal(3, run.Processed);
        var sent = (await app.OutboxAsync()).ToDictionary(m => m.To[..2]);
        var number = await NumbersAsync(app);

        Assert.Equal($"Vencida: factura {number[invoices["es"]]} vencía el 10 dic 2026", sent["es"].Subject);
        Assert.Contains($"Factura {number[invoices["es"]]} por 1.234,56", sent["es"].TextBody, StringComparison.Ordinal);
        Assert.Contains("sigue pendiente de pago", sent["es"].TextBody, StringComparison.Ordinal);
        Assert.Contains("Atentamente,", sent["es"].TextBody, StringComparison.Ordinal);

        Assert.Equal($"Achterstallig: factuur {number[invoices["nl"]]} verviel op 10 dec 2026", sent["nl"].Subject);
        Assert.Contains($"Factuur {number[invoices["nl"]]} van € 1.234,56", sent["nl"].TextBody.Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains("Met vriendelijke groet,", sent["nl"].TextBody, StringComparison.Ordinal);

        Assert.Equal($"Overdue: invoice {number[invoices["en"]]} was due on 10 Dec 2026", sent["en"].Subject);
        Assert.Contains($"Invoice {number[invoices["en"]]} for €1,234.56 was due on 10 Dec 2026 and is still unpaid.", sent["en"].TextBody, StringComparison.Ordinal);

        // One batch, three languages: each email's company header is in its own language too.
        Assert.Contains("NIF-IVA NL001", sent["es"].HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Btw NL001", sent["nl"].HtmlBody, StringComparison.Ordinal);
        Assert.Contains("VAT NL001", sent["en"].HtmlBody, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<int, string>> NumbersAsync(JobsTestApp app)
    {
        await using var db = app.Factory.CreateDbContext();
        return await db.Invoices.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Number!);
    }
}
