using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>
/// What to credit: <see cref="Lines"/> (amounts per invoice line), else <see cref="AmountMinor"/> spread over the lines,
/// else everything still creditable.
/// </summary>
public sealed record CreditNoteCommand(
    int InvoiceId,
    IReadOnlyList<CreditedLine>? Lines,
    long? AmountMinor,
    PaidMoneyDestination Destination,
    string? Reason,
    string RequestedBy,
    string? RequestKey = null);

/// <summary>The credit note, and why a refund it started did not reach the payer (its money is then on the balance).</summary>
public sealed record IssuedCreditNoteResult(CreditNoteView CreditNote, IReadOnlyList<string> RefundProblems);

/// <summary>
/// Issues a credit note for an invoice (docs/decisions/0023) in one <see cref="MoneyTransaction"/>: numbered in its own
/// gapless series, the invoice's Still to pay reduced, money paid beyond what it now owes onto the balance or back to the
/// payer. Refunds to the payer are written in the same transaction and sent to Mollie after it, as every refund is.
/// </summary>
public sealed class IssueCreditNote(MoneyTransaction transaction, PaymentRefunds refunds, TimeProvider clock)
{
    public async Task<IssuedCreditNoteResult> HandleAsync(CreditNoteCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (note, refundIds) = await transaction.RunAsync("issue credit note", async (db, ct) =>
        {
            if (command.RequestKey is { Length: > 0 } key
                && await db.CreditNotes.AsNoTracking().SingleOrDefaultAsync(n => n.RequestKey == key, ct) is { } existing)
            {
                return existing.InvoiceId == command.InvoiceId
                    ? (existing, (IReadOnlyList<Domain.Payments.Refund>)[])
                    : throw new DomainException(ErrorCodes.InvalidReference, "That idempotency key was already used for a credit note of another invoice; send a new key.", "requestKey");
            }

            var (invoice, client) = await db.LoadInvoiceWithClientAsync(command.InvoiceId, ct);
            await db.Entry(invoice).Collection(i => i.Allocations).Query().Include(a => a.Payment).LoadAsync(ct);
            var now = clock.GetUtcNow();
            var lines = command.Lines ?? (command.AmountMinor is { } amount ? CreditNoteRules.SpreadOverLines(invoice, amount) : null);
            var issued = CreditNoteRules.Issue(client, invoice, lines, command.Destination, command.Reason, command.RequestedBy, now, command.RequestKey);
            await CreditNoteNumbers.AddNumberedAsync(db, [issued.CreditNote], now, ct);
            db.Refunds.AddRange(issued.Refunds);
            return (issued.CreditNote, issued.Refunds);
        }, cancellationToken);

        var problems = new List<string>();
        foreach (var refund in refundIds)
        {
            try
            {
                await refunds.SendAsync(refund.Id, cancellationToken);
            }
            catch (RefundRefusedException ex)
            {
                problems.Add(ex.Message);
            }
        }

        return new IssuedCreditNoteResult(CreditNoteView.From(note), problems);
    }
}
