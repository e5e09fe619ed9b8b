using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;

namespace InvoiceHub.Web.Features.Invoices;

public sealed record DraftLine(string Description, decimal Quantity, Money UnitPrice, decimal TaxRatePercent);

public sealed record CreateDraftInvoiceCommand(int ClientId, DateOnly DueDate, IReadOnlyList<DraftLine> Lines);

/// <summary>A new Draft invoice with its lines; nothing is numbered or owed until it is issued.</summary>
public sealed class CreateDraftInvoice(MoneyTransaction transaction, TimeProvider clock)
{
    public async Task<InvoiceView> HandleAsync(CreateDraftInvoiceCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var invoice = await transaction.RunAsync("create draft invoice", async (db, ct) =>
        {
            var client = await db.LoadClientAsync(command.ClientId, ct);
            var draft = Invoice.CreateDraft(client, command.DueDate, clock.GetUtcNow());
            for (var i = 0; i < command.Lines.Count; i++)
            {
                AddLine(draft, client.Currency, command.Lines[i], $"lines[{i}]");
            }

            db.Invoices.Add(draft);
            return draft;
        }, cancellationToken);
        return InvoiceView.From(invoice);
    }

    /// <summary>Adds one line; a refusal names the line's field (<c>lines[2].quantity</c>) so the caller can point at it.</summary>
    private static void AddLine(Invoice draft, Currency currency, DraftLine line, string prefix)
    {
        if (line.UnitPrice.Currency != currency)
        {
            throw new DomainException(
                ErrorCodes.CurrencyMismatch,
                $"The client is billed in {currency.Code}; the unit price is in {line.UnitPrice.Currency?.Code}.",
                $"{prefix}.unitPrice.currency");
        }

        try
        {
            draft.AddLine(line.Description, line.Quantity, line.UnitPrice.Minor, line.TaxRatePercent);
        }
        catch (DomainException ex) when (ex.Field is { } field && field != "lines")
        {
            throw new DomainException(ex.Code, ex.Message, $"{prefix}.{field}");
        }
    }
}
