using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payables;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Credit;

public static partial class CreditRules
{
    /// <summary>
    /// A paid payment started for one payable document (or for none: money to the balance). An invoice takes what it
    /// still needs (<see cref="RecordPayment"/>); an open credit request the payment covers is paid
    /// (<see cref="RecordCreditRequestPayment"/>); anything else goes to the balance (<see cref="RecordPaymentToBalance"/>).
    /// </summary>
    public static RecordedPayment RecordPaymentFor(
        Client client,
        IPayableDocument? document,
        Payment payment,
        bool autoMarkPaid,
        IEnumerable<Invoice> otherOpenInvoices,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return document switch
        {
            Invoice invoice => RecordPayment(client, invoice, payment, autoMarkPaid, otherOpenInvoices, now),
            CreditRequest request when request.IsPayable && payment.AmountMinor >= request.AmountMinor =>
                RecordCreditRequestPayment(client, request, payment, autoMarkPaid, otherOpenInvoices, now),
            _ => RecordPaymentToBalance(client, payment, autoMarkPaid, otherOpenInvoices, now),
        };
    }

    /// <summary><see cref="RecordPaymentForSeveral(Client, Payment, IReadOnlyList{Invoice}, IReadOnlyList{CreditRequest}, bool, IEnumerable{Invoice}, DateTimeOffset)"/> for payable documents of any kind.</summary>
    public static RecordedPayment RecordPaymentForSeveral(
        Client client,
        Payment payment,
        IReadOnlyCollection<IPayableDocument> documents,
        bool autoMarkPaid,
        IEnumerable<Invoice> otherOpenInvoices,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return RecordPaymentForSeveral(
            client, payment, documents.OfType<Invoice>().ToList(), documents.OfType<CreditRequest>().ToList(), autoMarkPaid, otherOpenInvoices, now);
    }
}
