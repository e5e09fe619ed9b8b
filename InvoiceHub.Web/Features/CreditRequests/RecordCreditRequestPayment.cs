using InvoiceHub.Domain;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;

namespace InvoiceHub.Web.Features.CreditRequests;

/// <summary>What an offline credit request payment did: the request (now Paid), the client's new balance and what rule 2 paid from it.</summary>
public sealed record CreditRequestPaymentResult(PaymentView Payment, CreditRequestView CreditRequest, Money Balance, IReadOnlyList<CreditAppliedView> CreditApplied);

/// <summary>
/// Records cash, a cheque or a bank transfer received for an Open credit request: the request becomes Paid
/// and the money goes to the balance; with "Automatically mark Invoices paid" on, that credit then pays the
/// client's open invoices, oldest due first (credit rule 2), in the same transaction.
/// </summary>
public sealed class RecordCreditRequestPayment(MoneyTransaction transaction, SettingsService settings, TimeProvider clock)
{
    public async Task<CreditRequestPaymentResult> HandleAsync(OfflinePaymentCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        var (request, client, recorded) = await transaction.RunAsync("record credit request payment", async (db, ct) =>
        {
            var (request, client) = await db.LoadCreditRequestWithClientAsync(command.DocumentId, ct);
            var now = clock.GetUtcNow();
            var receivedOn = OfflinePayment.ReceivedOn(command.ReceivedOn, DateOnly.FromDateTime(now.UtcDateTime));
            var payment = Payment.RecordOffline(client, command.Amount, command.Method, receivedOn, now, command.Reference, forCreditRequest: request);
            db.Payments.Add(payment);
            List<Invoice> open = autoMarkPaid ? await db.LoadOpenInvoicesAsync(client.Id, ct) : [];
            var recorded = CreditRules.RecordCreditRequestPayment(client, request, payment, autoMarkPaid, open, now);
            return (request, client, recorded);
        }, cancellationToken);

        var payment = PaymentView.From(recorded.Payment);
        return new CreditRequestPaymentResult(
            payment,
            CreditRequestView.From(request, [payment]),
            client.Balance,
            recorded.CreditApplied.Select(a => new CreditAppliedView(a.Invoice.Id, a.Invoice.Number, a.Amount)).ToList());
    }
}
