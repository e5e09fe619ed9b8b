namespace InvoiceHub.Domain.PaymentProviders;

/// <summary>
/// A Mollie mandate (<c>mdt_…</c>) that was charged back: auto-charge leaves it alone until staff clear the hold (after
/// talking to the client), because charging it again would most likely be charged back again. Mandates themselves are
/// read from Mollie, never copied; only this flag is kept here.
/// </summary>
public sealed class MandateHold
{
    public const int MaxByLength = 256;

    private MandateHold()
    {
        MandateId = "";
        Reason = "";
    }

    public MandateHold(string mandateId, int clientId, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mandateId);
        MandateId = mandateId;
        ClientId = clientId;
        Reason = reason.Length > 300 ? reason[..300] : reason;
        HeldAt = now;
    }

    public string MandateId { get; private set; }

    public int ClientId { get; private set; }

    /// <summary>Which chargeback put the hold on (<c>chb_… on tr_…</c>).</summary>
    public string Reason { get; private set; }

    public DateTimeOffset HeldAt { get; private set; }

    public DateTimeOffset? ClearedAt { get; private set; }

    public string? ClearedBy { get; private set; }

    public bool IsActive => ClearedAt is null;

    /// <summary>A new chargeback on a mandate whose hold staff had cleared puts it on hold again.</summary>
    public void HoldAgain(string reason, DateTimeOffset now)
    {
        Reason = reason.Length > 300 ? reason[..300] : reason;
        HeldAt = now;
        ClearedAt = null;
        ClearedBy = null;
    }

    public void Clear(string by, DateTimeOffset now)
    {
        ClearedBy = by.Length > MaxByLength ? by[..MaxByLength] : by;
        ClearedAt = now;
    }
}
