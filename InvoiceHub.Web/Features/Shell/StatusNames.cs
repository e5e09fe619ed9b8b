using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>A document status (an invoice's or a credit request's, as the address and the API spell it) as people read it.</summary>
public static class StatusNames
{
    public static string Label(string? status) => status switch
    {
        "Draft" => SharedText.StatusDraft,
        "Open" => SharedText.StatusOpen,
        "Paid" => SharedText.StatusPaid,
        "Void" => SharedText.StatusVoid,
        "Cancelled" => SharedText.StatusCancelled,
        null or "" => StaffText.AnyStatus,
        _ => status,
    };

    public static string Payment(PaymentStatus status) => status switch
    {
        PaymentStatus.Open => SharedText.PaymentOpen,
        PaymentStatus.Pending => SharedText.PaymentPending,
        PaymentStatus.Authorized => SharedText.PaymentAuthorized,
        PaymentStatus.Paid => SharedText.PaymentPaid,
        PaymentStatus.Failed => SharedText.PaymentFailed,
        PaymentStatus.Canceled => SharedText.PaymentCanceled,
        PaymentStatus.Expired => SharedText.PaymentExpired,
        PaymentStatus.Refunded => SharedText.PaymentRefunded,
        PaymentStatus.ChargedBack => SharedText.PaymentChargedBack,
        _ => status.ToString(),
    };
}
