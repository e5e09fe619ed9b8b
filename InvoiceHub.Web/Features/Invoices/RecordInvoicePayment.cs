using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>What an offline invoice payment did: the payment, the invoice after it, the excess that went to the balance, and what rule 2 then paid.</summary>
public sealed record InvoicePaymentResult(PaymentView Payment, InvoiceView Invoice, Money AddedToBalance, IReadOnlyList<CreditAppliedView> CreditApplied);

/// <summary>
/// Records cash, a cheque or a bank transfer received for an Open invoice. What exceeds the amount still to
/// pay goes to the balance; with "Automatically mark Invoices paid" on, that credit then pays the client's
/// other open invoices, oldest due first (credit rule 2), in the same transaction.
/// </summary>
public sealed class RecordInvoicePayment(MoneyTransaction transaction, SettingsService settings, TimeProvider clock)
{
    public async Task<InvoicePaymentResult> HandleAsync(OfflinePaymentCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        var (invoice, recorded) = await transaction.RunAsync("record invoice payment", async (db, ct) =>
        {
            var (invoice, client) = await db.LoadInvoiceWithClientAsync(command.DocumentId, ct);
            if (invoice.Status != InvoiceStatus.Open)
            {
                throw new DomainException(
                    ErrorCodes.InvoiceNotOpen,
                    $"Invoice {invoice.Number ?? "(draft)"} is {invoice.Status}; payments are recorded for open invoices only. " +
                    "Money received for anything else belongs on the client's balance (a balance adjustment).");
            }

            var now = clock.GetUtcNow();
            var receivedOn = OfflinePayment.ReceivedOn(command.ReceivedOn, DateOnly.FromDateTime(now.UtcDateTime));
            var payment = Payment.RecordOffline(client, command.Amount, command.Method, receivedOn, now, command.Reference, forInvoice: invoice);
            db.Payments.Add(payment);
            var others = autoMarkPaid && command.Amount.Minor > invoice.StillToPayMinor
                ? await db.LoadOpenInvoicesAsync(client.Id, ct)
                : [];
            var recorded = CreditRules.RecordPayment(client, invoice, payment, autoMarkPaid, others, now);
            return (invoice, recorded);
        }, cancellationToken);

        var currency = invoice.Currency;
        return new InvoicePaymentResult(
            PaymentView.From(recorded.Payment),
            InvoiceView.From(invoice),
            new Money(recorded.BalanceEntries.Sum(e => e.AmountMinor), currency),
            recorded.CreditApplied.Select(a => new CreditAppliedView(a.Invoice.Id, a.Invoice.Number, a.Amount)).ToList());
    }
}
