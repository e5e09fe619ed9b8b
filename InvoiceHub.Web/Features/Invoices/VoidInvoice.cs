using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.CreditNotes;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>The voided invoice, the credit note that voided it (null for a draft) and refunds that did not reach the payer.</summary>
public sealed record VoidedInvoiceResult(InvoiceView Invoice, CreditNoteView? CreditNote, IReadOnlyList<string> RefundProblems);

/// <summary>
/// Voids an invoice. An issued one is never erased: a credit note credits what it still owes in full (decision 0023) and
/// the money paid on it goes onto the balance or back to the payer, as staff choose. A draft (or an issued invoice of
/// zero, which has nothing to credit) is just voided.
/// </summary>
public sealed class VoidInvoice(MoneyTransaction transaction, IssueCreditNote creditNotes, GetInvoice invoices, IDbContextFactory<InvoiceHubDbContext> dbFactory, TimeProvider clock)
{
    public async Task<VoidedInvoiceResult> HandleAsync(
        int invoiceId,
        string? reason = null,
        PaidMoneyDestination destination = PaidMoneyDestination.Balance,
        string requestedBy = "staff",
        string? requestKey = null,
        CancellationToken cancellationToken = default)
    {
        if (await HasSomethingToCreditAsync(invoiceId, cancellationToken))
        {
            var credited = await creditNotes.HandleAsync(
                new CreditNoteCommand(invoiceId, null, null, destination, reason, requestedBy, requestKey), cancellationToken);
            return new VoidedInvoiceResult(await invoices.HandleAsync(invoiceId, cancellationToken), credited.CreditNote, credited.RefundProblems);
        }

        var invoice = await transaction.RunAsync("void invoice", async (db, ct) =>
        {
            var (invoice, client) = await db.LoadInvoiceWithClientAsync(invoiceId, ct);
            if (invoice.CreditableMinor > 0)
            {
                throw new DomainException(ErrorCodes.InvoiceNotDraft, $"Invoice {invoice.Number} was issued meanwhile; void it again to credit it.");
            }

            CreditRules.Void(client, invoice, clock.GetUtcNow(), reason);
            return invoice;
        }, cancellationToken);
        return new VoidedInvoiceResult(InvoiceView.From(invoice), null, []);
    }

    private async Task<bool> HasSomethingToCreditAsync(int invoiceId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invoices.AnyAsync(
            i => i.Id == invoiceId && (i.Status == Domain.Invoices.InvoiceStatus.Open || i.Status == Domain.Invoices.InvoiceStatus.Paid) && i.TotalMinor > i.CreditedMinor,
            cancellationToken);
    }
}
