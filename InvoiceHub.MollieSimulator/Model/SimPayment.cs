using System.Text.Json.Nodes;

namespace InvoiceHub.MollieSimulator.Model;

/// <summary>A simulated payment; mutated only under the state's lock.</summary>
internal sealed class SimPayment
{
    public required string Id { get; init; }
    public required SimAmount Amount { get; init; }
    public required string Description { get; set; }
    public required string SequenceType { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? RedirectUrl { get; set; }
    public string? CancelUrl { get; set; }
    public string? WebhookUrl { get; set; }
    public string? Locale { get; set; }
    public JsonNode? Metadata { get; set; }
    public string? CustomerId { get; init; }
    public string? MandateId { get; set; }
    public string? Method { get; set; }
    public string Status { get; set; } = PaymentStatus.Open;
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? AuthorizedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public JsonObject? Details { get; set; }
    public decimal Refunded { get; set; }
    public List<SimRefund> Refunds { get; } = [];
    public List<SimChargeback> Chargebacks { get; } = [];

    /// <summary>The methods a checkout may offer when <c>method</c> was sent as an array; empty when not restricted.</summary>
    public IReadOnlyList<string> AllowedMethods { get; set; } = [];

    public string? PaymentLinkId { get; init; }

    /// <summary>When a pending recurring payment settles (paid or failed); null when a test settles it by hand.</summary>
    public DateTimeOffset? SettlesAt { get; set; }

    /// <summary>Set by the chargeback fault switch when the payment is paid: a chargeback arrives at this time.</summary>
    public DateTimeOffset? ChargebackDueAt { get; set; }

    /// <summary>Mollie's amountChargedBack: chargebacks that were not reversed.</summary>
    public decimal ChargedBack => Chargebacks.Where(c => c.ReversedAt is null).Sum(c => c.Amount.Value);

    public bool IsRecurring => SequenceType == "recurring";

    /// <summary>Only open bank transfers and direct debits not yet sent to the bank can be canceled (MOLLIE.md §2).</summary>
    public bool IsCancelable =>
        (Status == PaymentStatus.Open && Method == "banktransfer") || (Status == PaymentStatus.Pending && Method == "directdebit");

    public bool IsRefundable => Status == PaymentStatus.Paid;

    public decimal Remaining => Amount.Value - Refunded;
}

internal static class PaymentStatus
{
    public const string Open = "open";
    public const string Pending = "pending";
    public const string Authorized = "authorized";
    public const string Paid = "paid";
    public const string Canceled = "canceled";
    public const string Expired = "expired";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Open, Pending, Authorized, Paid, Canceled, Expired, Failed];

    public static bool IsFinal(string status) => status is Paid or Canceled or Expired or Failed;

    /// <summary>Mollie calls the webhook for these; never for open or pending.</summary>
    public static bool TriggersWebhook(string status) => status is Paid or Canceled or Expired or Failed or Authorized;
}
