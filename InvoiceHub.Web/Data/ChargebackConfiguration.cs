using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Data;

internal sealed class ChargebackConfiguration : IEntityTypeConfiguration<Chargeback>
{
    public void Configure(EntityTypeBuilder<Chargeback> builder)
    {
        builder.ToTable("Chargebacks");
        builder.AggregateBasics();
        builder.Currency();
        builder.Property(c => c.ProviderChargebackId).HasMaxLength(Chargeback.MaxProviderIdLength);
        builder.Property(c => c.Reason).HasMaxLength(Chargeback.MaxReasonLength);
        builder.HasOne(c => c.Payment).WithMany().HasForeignKey(c => c.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany<Allocation>().WithOne(a => a.Chargeback).HasForeignKey(a => a.ChargebackId).OnDelete(DeleteBehavior.Restrict);
        // One row per Mollie chargeback: a repeated or racing webhook cannot take the money twice.
        builder.HasIndex(c => c.ProviderChargebackId).IsUnique();
        builder.HasIndex(c => c.PaymentId);
    }
}

internal sealed class MandateHoldConfiguration : IEntityTypeConfiguration<MandateHold>
{
    public void Configure(EntityTypeBuilder<MandateHold> builder)
    {
        builder.ToTable("MandateHolds");
        builder.HasKey(h => h.MandateId);
        builder.Property(h => h.MandateId).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(h => h.Reason).HasMaxLength(300);
        builder.Property(h => h.ClearedBy).HasMaxLength(MandateHold.MaxByLength);
        builder.HasOne<Client>().WithMany().HasForeignKey(h => h.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}
