using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Features.Settings;

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
