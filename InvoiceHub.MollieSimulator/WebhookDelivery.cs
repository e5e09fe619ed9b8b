namespace InvoiceHub.MollieSimulator;

/// <summary>
/// One webhook call (or a call a fault switch swallowed). <see cref="EventSequence"/> numbers the status changes
/// in the order they happened, so a test can see a delivery order that differs from it.
/// </summary>
public sealed record WebhookDelivery(
    long EventSequence,
    string PaymentId,
    string PaymentStatus,
    string Url,
    int Attempt,
    WebhookFault Fault,
    DateTimeOffset At,
    int? ResponseStatus,
    string? Error)
{
    public bool Delivered => ResponseStatus is >= 200 and < 300;
}
