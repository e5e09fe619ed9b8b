using System.Globalization;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Features.Shell;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>A payment's provider, who started it and a refund's status as staff read them on the payment page.</summary>
public static class PaymentWords
{
    /// <summary>"Mollie", "WireTransfer", "Offline", "Balance" in English (the names the page has always shown).</summary>
    public static string Provider(PaymentProvider provider) => provider switch
    {
        PaymentProvider.WireTransfer => AdminText.ProviderWireTransfer,
        PaymentProvider.Offline => AdminText.ProviderOffline,
        PaymentProvider.Balance => SharedText.Balance,
        _ => provider.ToString(),
    };

    /// <summary>"Card through Mollie, started by client."</summary>
    public static string ThroughStartedBy(PaymentMethod method, PaymentProvider provider, PaymentInitiator initiator) =>
        string.Format(CultureInfo.CurrentCulture, initiator switch
        {
            PaymentInitiator.Staff => AdminText.ThroughStartedByStaff,
            PaymentInitiator.AutoCharge => AdminText.ThroughStartedByAutoCharge,
            _ => AdminText.ThroughStartedByClient,
        }, DocumentTimeline.PaymentMethodName(method), Provider(provider));

    /// <summary>"Card through Mollie".</summary>
    public static string Through(PaymentMethod method, PaymentProvider provider) =>
        string.Format(CultureInfo.CurrentCulture, AdminText.MethodThrough, DocumentTimeline.PaymentMethodName(method), Provider(provider));

    /// <summary>"Started by client".</summary>
    public static string StartedBy(PaymentInitiator initiator) => initiator switch
    {
        PaymentInitiator.Staff => AdminText.StartedByStaff,
        PaymentInitiator.AutoCharge => AdminText.StartedByAutoCharge,
        _ => AdminText.StartedByClient,
    };

    /// <summary>A refund's status, capitalised ("Pending", "Refunded").</summary>
    public static string Refund(RefundStatus status) => status switch
    {
        RefundStatus.Queued => AdminText.RefundQueued,
        RefundStatus.Pending => SharedText.PaymentPending,
        RefundStatus.Processing => AdminText.RefundProcessing,
        RefundStatus.Refunded => SharedText.PaymentRefunded,
        RefundStatus.Failed => SharedText.PaymentFailed,
        RefundStatus.Canceled => SharedText.PaymentCanceled,
        _ => status.ToString(),
    };

    /// <summary>A payment's status in the middle of a sentence ("pending", "charged back").</summary>
    public static string PaymentLower(PaymentStatus status) => StatusNames.Payment(status).ToLower(CultureInfo.CurrentCulture);
}
