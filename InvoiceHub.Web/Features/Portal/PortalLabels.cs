using InvoiceHub.Domain.Payables;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Integrations.Mollie;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Portal;

/// <summary>What a client and a payer read for the kind, status and payment methods of a document, in the request's language.</summary>
public static class PortalLabels
{
    /// <summary>"Invoice", "Credit Request" (as <see cref="PayableDocuments.Label"/> in English).</summary>
    public static string Kind(PayableKind kind) => kind switch
    {
        PayableKind.Invoice => SharedText.Invoice,
        PayableKind.CreditRequest => PortalText.KindCreditRequest,
        _ => PayableDocuments.Label(kind),
    };

    /// <summary>A document's status name (<c>IPayableDocument.StatusName</c>: "Open", "Paid", …) as people read it.</summary>
    public static string Status(string statusName) => statusName switch
    {
        "Draft" => SharedText.StatusDraft,
        "Open" => SharedText.StatusOpen,
        "Paid" => SharedText.StatusPaid,
        "Void" => SharedText.StatusVoid,
        "Cancelled" => SharedText.StatusCancelled,
        "Overdue" => SharedText.StatusOverdue,
        _ => statusName,
    };

    /// <summary>A Mollie method's name (<see cref="MollieMethodChoice.Label"/> in English).</summary>
    public static string Method(MollieMethodChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return choice.Method switch
        {
            PaymentMethod.Card => SharedText.MethodCard,
            PaymentMethod.BankTransfer => PortalText.MethodBankTransfer,
            PaymentMethod.DirectDebit => PortalText.MethodDirectDebit,
            _ => choice.Label,
        };
    }
}
