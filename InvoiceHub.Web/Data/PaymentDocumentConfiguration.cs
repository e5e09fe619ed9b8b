using InvoiceHub.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Data;

/// <summary>
/// Not an <see cref="IEntityTypeConfiguration{TEntity}"/>: it takes the dialect, because its filtered index compares a
/// boolean, which SQL Server writes its own way. <see cref="InvoiceHubDbContext"/> calls it.
/// </summary>
internal static class PaymentDocumentConfiguration
{
    public static void Configure(EntityTypeBuilder<PaymentDocument> builder, Dialects.DatabaseDialect dialect)
    {
        builder.ToTable("PaymentDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.HasOne(d => d.Payment).WithMany().HasForeignKey(d => d.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.PaymentId);
        builder.HasIndex(d => new { d.Kind, d.DocumentId }, "IX_PaymentDocuments_OneOpenPerDocument").IsUnique().HasFilter(dialect.IsTrue(nameof(PaymentDocument.Open)));
    }
}
