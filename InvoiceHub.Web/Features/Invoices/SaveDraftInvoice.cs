using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;

namespace InvoiceHub.Web.Features.Invoices;

public sealed record SaveDraftInvoiceCommand(int InvoiceId, DateOnly DueDate, IReadOnlyList<DraftLine> Lines);

/// <summary>
/// Replaces the lines and due date of a Draft: lines are updated in place by position, new ones appended,
/// surplus ones removed, so the totals are the domain's own. A refusal names the line's field (<c>lines[1].quantity</c>).
/// </summary>
public sealed class SaveDraftInvoice(MoneyTransaction transaction)
{
    public async Task<InvoiceView> HandleAsync(SaveDraftInvoiceCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var invoice = await transaction.RunAsync("save draft invoice", async (db, ct) =>
        {
            var invoice = await db.LoadInvoiceAsync(command.InvoiceId, ct);
            if (invoice.Status != InvoiceStatus.Draft)
            {
                throw new DomainException(ErrorCodes.InvoiceNotDraft, $"Invoice {invoice.Number} is {invoice.Status}; only drafts can be edited.");
            }

            invoice.ChangeDueDate(command.DueDate);
            var existing = invoice.Lines.OrderBy(l => l.Position).ToList();
            for (var i = 0; i < command.Lines.Count; i++)
            {
                var line = command.Lines[i];
                var prefix = $"lines[{i}]";
                if (line.UnitPrice.Currency != invoice.Currency)
                {
                    throw new DomainException(ErrorCodes.CurrencyMismatch,
                        $"The invoice is in {invoice.Currency.Code}; the unit price is in {line.UnitPrice.Currency?.Code}.", $"{prefix}.unitPrice");
                }

                try
                {
                    if (i < existing.Count)
                    {
                        invoice.UpdateLine(existing[i], line.Description, line.Quantity, line.UnitPrice.Minor, line.TaxRatePercent);
                    }
                    else
                    {
                        invoice.AddLine(line.Description, line.Quantity, line.UnitPrice.Minor, line.TaxRatePercent);
                    }
                }
                catch (DomainException ex) when (ex.Field is { } field && field != "lines")
                {
                    throw new DomainException(ex.Code, ex.Message, $"{prefix}.{field}");
                }
            }

            foreach (var surplus in existing.Skip(command.Lines.Count).Reverse())
            {
                invoice.RemoveLine(surplus);
            }

            return invoice;
        }, cancellationToken);
        return InvoiceView.From(invoice);
    }
}
