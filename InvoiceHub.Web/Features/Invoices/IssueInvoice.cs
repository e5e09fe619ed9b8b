using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Settings;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>
/// Numbers a Draft invoice (gapless per year, in the same transaction) and opens it; with "Automatically
/// mark Invoices paid" on, the client's balance pays what it can at once (credit rule 1).
/// </summary>
public sealed class IssueInvoice(MoneyTransaction transaction, SettingsService settings, TimeProvider clock)
{
    public async Task<InvoiceView> HandleAsync(int invoiceId, CancellationToken cancellationToken = default)
    {
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        var invoice = await transaction.RunAsync("issue invoice", async (db, ct) =>
        {
            var (invoice, client) = await db.LoadInvoiceWithClientAsync(invoiceId, ct);
            if (invoice.Status != InvoiceStatus.Draft)
            {
                throw new DomainException(ErrorCodes.InvoiceNotDraft, $"Invoice {invoice.Number} is {invoice.Status}; only draft invoices can be issued.");
            }

            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var number = await InvoiceNumbering.NextAsync(db, today.Year, ct);
            invoice.Issue(number, today, now);
            if (invoice.Status == InvoiceStatus.Open)
            {
                CreditRules.ApplyOnIssue(client, invoice, autoMarkPaid, now);
            }

            return invoice;
        }, cancellationToken);
        return InvoiceView.From(invoice);
    }
}
