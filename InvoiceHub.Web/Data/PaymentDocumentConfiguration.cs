using InvoiceHub.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Data;

internal sealed class PaymentDocumentConfiguration : IEntityTypeConfiguration<PaymentDocument>
{
    public const string OpenFilter = "\"Open\"";

    public void Configure(EntityTypeBuilder<PaymentDocument> builder)
    {
        builder.ToTable("PaymentDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.HasOne(d => d.Payment).WithMany().HasForeignKey(d => d.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.PaymentId);
        builder.HasIndex(d => new { d.Kind, d.DocumentId }, "IX_PaymentDocuments_OneOpenPerDocument").IsUnique().HasFilter(OpenFilter);
    }
}
