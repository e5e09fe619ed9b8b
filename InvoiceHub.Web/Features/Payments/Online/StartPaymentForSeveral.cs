using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// "Pay several at once": one Mollie payment for several open documents of one client, for all they still need. When
/// it is paid, the money goes oldest due first (<see cref="CreditRules.RecordPaymentForSeveral(Domain.Clients.Client, Payment, IReadOnlyCollection{IPayableDocument}, bool, IEnumerable{Domain.Invoices.Invoice}, DateTimeOffset)"/>).
/// </summary>
public sealed class StartPaymentForSeveral(
    SettingsService settings,
    OpenOnlinePayments open,
    LocalPayments local,
    MollieCheckout checkout,
    StartOnlinePayment single)
{
    public async Task<StartedPayment> HandleAsync(
        int clientId,
        IReadOnlyCollection<(PayableKind Kind, int Id)> documents,
        PaymentMethod method,
        PaymentInitiator initiatedBy,
        Uri publicBaseUri,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        var chosen = documents.Distinct().ToList();
        if (chosen.Count == 0)
        {
            throw new PaymentRefusedException(PayText.TickDocuments);
        }

        if (chosen.Count == 1)
        {
            return await single.HandleAsync(chosen[0].Kind, chosen[0].Id, method, initiatedBy, publicBaseUri, cancellationToken: cancellationToken);
        }

        if (!(await settings.GetAsync(cancellationToken)).OnlineInvoicePayment)
        {
            throw new PaymentRefusedException(PayText.OnlinePaymentOffSeveral);
        }

        foreach (var (kind, id) in chosen)
        {
            await open.SettleStaleSeveralAsync(kind, id, cancellationToken);
        }

        var draft = await local.CreateForSeveralAsync(clientId, chosen, method, initiatedBy, cancellationToken);
        return await checkout.OpenAsync(draft, method, publicBaseUri, paymentLinkToken: null, firstPaymentCustomerId: null, cancellationToken);
    }
}
