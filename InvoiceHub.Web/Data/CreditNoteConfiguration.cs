using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Data;

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> builder)
    {
        builder.ToTable("CreditNotes");
        builder.AggregateBasics();
        builder.Currency();
        builder.Property(n => n.Number).HasMaxLength(20).IsRequired();
        builder.Property(n => n.InvoiceNumber).HasMaxLength(20);
        builder.Property(n => n.Reason).HasMaxLength(CreditNote.MaxReasonLength);
        builder.Property(n => n.CreatedBy).HasMaxLength(256);
        builder.Property(n => n.RequestKey).HasMaxLength(CreditNote.MaxRequestKeyLength);
        builder.HasOne(n => n.Invoice).WithMany().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(n => n.ClientId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(n => n.Lines, line =>
        {
            line.ToTable("CreditNoteLines");
            line.WithOwner().HasForeignKey("CreditNoteId");
            line.HasKey(l => l.Id);
            line.Ignore(l => l.DomainEvents);
            line.Property(l => l.Description).HasMaxLength(InvoiceLine.MaxDescriptionLength);
            line.Property(l => l.TaxRatePercent).HasPrecision(5, 2);
        });
        builder.Navigation(n => n.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(n => n.Number).IsUnique();
        builder.HasIndex(n => n.RequestKey).IsUnique();
        builder.HasIndex(n => new { n.ClientId, n.IssuedOn });
        builder.HasIndex(n => new { n.InvoiceId, n.CreatedAt });
    }
}
