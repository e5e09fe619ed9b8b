using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Invoices;

namespace InvoiceHub.Domain.Credit;

public static partial class CreditRules
{
    /// <summary>
    /// An invoice that reopened (a refund to the payer that did not credit it, a chargeback) is owed again as a newly
    /// issued one is: with "Automatically mark Invoices paid" on, the balance pays what it can, oldest due first (rule 1;
    /// docs/decisions/0023). The caller passes only the invoices the refund or chargeback reopened through the payment's
    /// own money, never those whose credit a chargeback just took back.
    /// </summary>
    public static IReadOnlyList<CreditApplication> ApplyOnReopen(Client client, IEnumerable<Invoice> reopened, bool autoMarkPaid, DateTimeOffset now)
    {
        var invoices = CheckedInvoices(client, reopened);
        return autoMarkPaid ? ApplyOldestFirst(client, invoices, now) : [];
    }
}
