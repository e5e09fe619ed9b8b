using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>A Mollie payment method InvoiceHub offers: Mollie's id, ours, and the label payers and admins read.</summary>
public sealed record MollieMethodChoice(string Id, PaymentMethod Method, string Label);

/// <summary>The Mollie methods InvoiceHub knows, in the order Pay Now offers them, and how Mollie's statuses map onto ours.</summary>
public static class MollieMethods
{
    public static readonly IReadOnlyList<MollieMethodChoice> All =
    [
        new("creditcard", PaymentMethod.Card, "Card"),
        new("ideal", PaymentMethod.Ideal, "iDEAL"),
        new("banktransfer", PaymentMethod.BankTransfer, "Bank Transfer"),
        new("directdebit", PaymentMethod.DirectDebit, "Direct Debit"),
        new("paypal", PaymentMethod.PayPal, "PayPal"),
    ];

    /// <summary>Mollie's id of one of our methods; null for methods Mollie does not take (cash, cheque, balance).</summary>
    public static string? IdOf(PaymentMethod method) => All.FirstOrDefault(m => m.Method == method)?.Id;

    /// <summary>Our method for a Mollie method id (a mandate's <c>method</c>); direct debit for anything else.</summary>
    public static PaymentMethod MethodOf(string? mollieId) =>
        All.FirstOrDefault(m => m.Id == mollieId)?.Method ?? PaymentMethod.DirectDebit;

    public static PaymentStatus ToPaymentStatus(MolliePaymentStatus status) => status switch
    {
        MolliePaymentStatus.Open => PaymentStatus.Open,
        MolliePaymentStatus.Pending => PaymentStatus.Pending,
        MolliePaymentStatus.Authorized => PaymentStatus.Authorized,
        MolliePaymentStatus.Paid => PaymentStatus.Paid,
        MolliePaymentStatus.Canceled => PaymentStatus.Canceled,
        MolliePaymentStatus.Expired => PaymentStatus.Expired,
        MolliePaymentStatus.Failed => PaymentStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown Mollie status."),
    };
}
