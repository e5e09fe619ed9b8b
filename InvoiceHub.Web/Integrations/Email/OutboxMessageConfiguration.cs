using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Integrations.Email;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.To).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.DeduplicationKey).HasMaxLength(200);
        builder.Property(m => m.AttachmentName).HasMaxLength(200);
        builder.Property(m => m.AttachmentContentType).HasMaxLength(100);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => m.DeduplicationKey).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.To, m.CreatedAt });
        builder.HasIndex(m => m.InvoiceId);
        builder.HasIndex(m => m.CreditRequestId);
    }
}
