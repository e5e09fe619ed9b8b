using System.Text.Json;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Features.Jobs.AutoCharge;

public static class AttemptStatus
{
    /// <summary>Recorded (with its local payment) before Mollie is asked; a crash here is resumed with the same idempotency key.</summary>
    public const string Started = "Started";
    /// <summary>Mollie has the payment; waiting for the bank.</summary>
    public const string Submitted = "Submitted";
    public const string Paid = "Paid";
    public const string Failed = "Failed";
}

/// <summary>
/// One charge of one document: attempt n of <c>{kind}:{id}</c>, unique, so two nodes or a rerun after a
/// crash can never start the same attempt twice; its idempotency key makes Mollie create its payment once.
/// </summary>
public sealed class AutoChargeAttempt
{
    private AutoChargeAttempt()
    {
    }

    public AutoChargeAttempt(PayableKind kind, int documentId, int attempt, int paymentId, DateTimeOffset now)
    {
        DocumentKind = PayableDocuments.KindKey(kind);
        DocumentId = documentId;
        Attempt = attempt;
        PaymentId = paymentId;
        IdempotencyKey = Key(DocumentKind, documentId, attempt);
        Status = AttemptStatus.Started;
        CreatedAt = now;
    }

    public static string Key(string kind, int id, int attempt) => $"autocharge:{kind}:{id}:attempt:{attempt}";

    public int Id { get; private set; }
    public PayableKind Kind => PayableDocuments.KindOfKey(DocumentKind);
    public string DocumentKind { get; private set; } = "";
    public int DocumentId { get; private set; }
    public int Attempt { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    public int PaymentId { get; private set; }
    public string? ProviderPaymentId { get; private set; }
    public string Status { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? Error { get; private set; }

    /// <summary>
    /// The description and metadata of this attempt's charge, written from what the attempt stores and never changed:
    /// a resumed attempt is sent again with the same idempotency key, and Mollie refuses a key repeated with other
    /// parameters (<c>"Credit request 12 (automatic charge)"</c>).
    /// </summary>
    public string Description => char.ToUpperInvariant(DocumentKind[0]) + DocumentKind[1..].Replace('-', ' ') + $" {DocumentId} (automatic charge)";

    public JsonElement Metadata => JsonSerializer.SerializeToElement(new { paymentId = PaymentId, autoCharge = IdempotencyKey });

    public void Submitted(string providerPaymentId)
    {
        ProviderPaymentId = providerPaymentId;
        Status = AttemptStatus.Submitted;
    }

    public void Complete(bool paid, DateTimeOffset now, string? error = null)
    {
        Status = paid ? AttemptStatus.Paid : AttemptStatus.Failed;
        CompletedAt = now;
        Error = error is { Length: > 500 } ? error[..500] : error;
    }
}

internal sealed class AutoChargeAttemptConfiguration : IEntityTypeConfiguration<AutoChargeAttempt>
{
    public void Configure(EntityTypeBuilder<AutoChargeAttempt> builder)
    {
        builder.ToTable("AutoChargeAttempts");
        builder.Property(a => a.DocumentKind).HasMaxLength(20);
        builder.Property(a => a.IdempotencyKey).HasMaxLength(100);
        builder.Property(a => a.ProviderPaymentId).HasMaxLength(40);
        builder.Property(a => a.Status).HasMaxLength(20);
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.HasIndex(a => new { a.DocumentKind, a.DocumentId, a.Attempt }).IsUnique();
        builder.HasIndex(a => a.IdempotencyKey).IsUnique();
    }
}
