using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Formatting;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>
/// Pay From Credit (credit rule 3): the client's balance pays an Open invoice, by default
/// min(balance, still to pay), or a smaller amount; needs "Automatically mark Invoices paid" on.
/// </summary>
public sealed class PayInvoiceFromCredit(MoneyTransaction transaction, SettingsService settings, TimeProvider clock)
{
    public async Task<InvoiceView> HandleAsync(int invoiceId, Money? amount, CancellationToken cancellationToken = default)
    {
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        var invoice = await transaction.RunAsync("pay invoice from credit", async (db, ct) =>
        {
            var (invoice, client) = await db.LoadInvoiceWithClientAsync(invoiceId, ct);
            if (autoMarkPaid && invoice.Status == InvoiceStatus.Open && amount is { } requested && requested.Currency == client.Currency)
            {
                EnsureWithinReach(client.Balance, invoice, requested);
            }

            CreditRules.PayFromCredit(client, invoice, amount, autoMarkPaid, clock.GetUtcNow());
            return invoice;
        }, cancellationToken);
        return InvoiceView.From(invoice);
    }

    /// <summary>
    /// More than the balance or the amount still to pay depends on the state, not on the input alone, so it is
    /// a conflict with its own code rather than a plain invalid amount.
    /// </summary>
    private static void EnsureWithinReach(Money balance, Invoice invoice, Money requested)
    {
        if (requested.IsPositive && requested > balance)
        {
            throw new DomainException(
                ErrorCodes.InsufficientBalance,
                $"The client's balance is {Display.Money(balance.Minor, balance.Currency.Code)}; {Display.Money(requested.Minor, requested.Currency.Code)} cannot be taken from it.",
                "amount");
        }

        if (requested.IsPositive && requested > invoice.StillToPay)
        {
            throw new DomainException(
                ErrorCodes.AllocationExceedsStillToPay,
                $"Only {Display.Money(invoice.StillToPay.Minor, invoice.Currency.Code)} is still to pay on invoice {invoice.Number}.",
                "amount");
        }
    }
}
