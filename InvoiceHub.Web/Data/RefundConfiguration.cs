using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Data;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("Refunds");
        builder.AggregateBasics();
        builder.Currency();
        builder.Property(r => r.Destination).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.Property(r => r.ProviderRefundId).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(Refund.MaxReasonLength);
        builder.Property(r => r.RequestedBy).HasMaxLength(Refund.MaxRequestedByLength);
        builder.Property(r => r.RequestKey).HasMaxLength(Refund.MaxRequestKeyLength);
        builder.Property(r => r.FailureReason).HasMaxLength(500);
        builder.HasOne(r => r.Payment).WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany<Allocation>().WithOne(a => a.Refund).HasForeignKey(a => a.RefundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ProviderRefundId).IsUnique();
        builder.HasIndex(r => r.RequestKey).IsUnique();
        builder.HasIndex(r => new { r.PaymentId, r.CreatedAt });
    }
}
