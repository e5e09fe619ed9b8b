using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Data;

internal sealed class AccountingSettingsConfiguration : IEntityTypeConfiguration<AccountingSettings>
{
    public void Configure(EntityTypeBuilder<AccountingSettings> builder)
    {
        builder.ToTable("Settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ReminderSchedule).HasMaxLength(200);
        builder.Property(s => s.DefaultCurrency).HasMaxLength(3);
        builder.Property(s => s.CompanyName).HasMaxLength(200);
        builder.Property(s => s.CompanyAddress).HasMaxLength(1000);
        builder.Property(s => s.CompanyEmail).HasMaxLength(256);
        builder.Property(s => s.CompanyVatNumber).HasMaxLength(50);
        builder.Property(s => s.LogoContentType).HasMaxLength(20);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class PaymentProviderSettingsConfiguration : IEntityTypeConfiguration<PaymentProviderSettings>
{
    public void Configure(EntityTypeBuilder<PaymentProviderSettings> builder)
    {
        builder.ToTable("PaymentProviders");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.WireAccountHolder).HasMaxLength(200);
        builder.Property(s => s.WireIban).HasMaxLength(34);
        builder.Property(s => s.WireBic).HasMaxLength(11);
        builder.Property(s => s.WireInstructions).HasMaxLength(1000);
        builder.Property(s => s.MollieApiKeyProtected).HasMaxLength(2000);
        builder.Property(s => s.MollieApiKeyHint).HasMaxLength(20);
        builder.Property(s => s.MollieMethods).HasMaxLength(200);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.WireReady);
        builder.Ignore(s => s.MollieMethodIds);
    }
}

internal sealed class MollieCustomerLinkConfiguration : IEntityTypeConfiguration<MollieCustomerLink>
{
    public void Configure(EntityTypeBuilder<MollieCustomerLink> builder)
    {
        builder.ToTable("MollieCustomers");
        builder.HasKey(c => c.ClientId);
        builder.Property(c => c.ClientId).ValueGeneratedNever();
        builder.Property(c => c.CustomerId).HasMaxLength(64);
        builder.HasIndex(c => c.CustomerId).IsUnique();
    }
}
