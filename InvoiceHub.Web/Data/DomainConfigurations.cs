using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Data;

/// <summary>Shared pieces of the aggregate mappings.</summary>
internal static class Mapping
{
    public const int EnumLength = 20;

    public static void Currency<T>(this EntityTypeBuilder<T> builder) where T : class
    {
        builder.Property<Currency>("Currency")
            .HasConversion(c => c.Code, code => InvoiceHub.Domain.Currency.FromCode(code, "currency"))
            .HasMaxLength(3)
            .IsRequired();
    }

    public static void EntityBasics<T>(this EntityTypeBuilder<T> builder) where T : Entity
    {
        builder.HasKey(e => e.Id);
        builder.Ignore(e => e.DomainEvents);
    }

    public static void AggregateBasics<T>(this EntityTypeBuilder<T> builder) where T : AggregateRoot
    {
        builder.EntityBasics();
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("Clients");
        builder.AggregateBasics();
        builder.Currency();
        builder.Property(c => c.Name).HasMaxLength(Client.MaxNameLength);
        builder.Property(c => c.Email).HasMaxLength(Client.MaxEmailLength);
        builder.Property(c => c.Address).HasMaxLength(Client.MaxAddressLength).HasDefaultValue("");
        builder.Property(c => c.VatNumber).HasMaxLength(Client.MaxVatNumberLength).HasDefaultValue("");
        builder.Property(c => c.Language).HasMaxLength(2).HasDefaultValue(Client.DefaultLanguage);
        builder.HasMany(c => c.Entries).WithOne().HasForeignKey("ClientId").IsRequired().OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Entries).HasField("_entries").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.Email);
    }
}

internal sealed class BalanceEntryConfiguration : IEntityTypeConfiguration<BalanceEntry>
{
    public void Configure(EntityTypeBuilder<BalanceEntry> builder)
    {
        builder.ToTable("BalanceEntries");
        builder.EntityBasics();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.Property(e => e.Reason).HasMaxLength(Client.MaxReasonLength);
        builder.HasOne(e => e.Invoice).WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.CreditRequest).WithMany().HasForeignKey(e => e.CreditRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Payment).WithMany().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("ClientId", nameof(BalanceEntry.CreatedAt));
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("Invoices");
        builder.AggregateBasics();
        builder.Currency();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.Property(i => i.Number).HasMaxLength(20);
        builder.Property(i => i.VoidReason).HasMaxLength(500);
        builder.Property(i => i.CreditedMinor).HasDefaultValue(0L);
        builder.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(i => i.Lines, line =>
        {
            line.ToTable("InvoiceLines");
            line.WithOwner().HasForeignKey("InvoiceId");
            line.HasKey(l => l.Id);
            line.Ignore(l => l.DomainEvents);
            line.Property(l => l.Description).HasMaxLength(InvoiceLine.MaxDescriptionLength);
            line.Property(l => l.Quantity).HasPrecision(18, 3);
            line.Property(l => l.TaxRatePercent).HasPrecision(5, 2);
            line.Property(l => l.CreditedMinor).HasDefaultValue(0L);
        });
        builder.Navigation(i => i.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasMany(i => i.Allocations).WithOne().HasForeignKey("InvoiceId").IsRequired().OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(i => i.Allocations).HasField("_allocations").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.ClientId, i.Status, i.DueDate });
        builder.HasIndex(i => new { i.Status, i.DueDate });
    }
}

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> builder)
    {
        builder.ToTable("Allocations");
        builder.EntityBasics();
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.HasOne(a => a.Payment).WithMany().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.BalanceEntry).WithOne(e => e.Allocation).HasForeignKey<Allocation>("BalanceEntryId").OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.CreditNote).WithMany().HasForeignKey(a => a.CreditNoteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CreditRequestConfiguration : IEntityTypeConfiguration<CreditRequest>
{
    public void Configure(EntityTypeBuilder<CreditRequest> builder)
    {
        builder.ToTable("CreditRequests");
        builder.AggregateBasics();
        builder.Currency();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.Property(r => r.Description).HasMaxLength(CreditRequest.MaxDescriptionLength);
        builder.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Payment).WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ClientId, r.Status });
        builder.HasIndex(r => new { r.Status, r.DueDate });
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public const string OpenOnlineFilter = "\"Provider\" = 'Mollie' AND \"Status\" IN ('Open', 'Pending', 'Authorized')";

    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.AggregateBasics();
        builder.Currency();
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.Property(p => p.Provider).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.Property(p => p.InitiatedBy).HasConversion<string>().HasMaxLength(Mapping.EnumLength);
        builder.Property(p => p.ProviderPaymentId).HasMaxLength(64);
        builder.Property(p => p.Reference).HasMaxLength(Payment.MaxReferenceLength);
        // 0 in the database too: rows written by hand (the bench's generator, older databases) leave it out.
        builder.Property(p => p.RefundedMinor).HasDefaultValue(0L);
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Invoice).WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.CreditRequest).WithMany().HasForeignKey(p => p.CreditRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.ProviderPaymentId).IsUnique();
        // At most one online payment in flight per document: the database refuses a second checkout even when two
        // starts race past every check in code (decision 0006).
        builder.HasIndex(p => p.InvoiceId);
        builder.HasIndex(p => p.CreditRequestId);
        builder.HasIndex(p => p.InvoiceId, "IX_Payments_OneOpenOnlinePerInvoice").IsUnique().HasFilter(OpenOnlineFilter);
        builder.HasIndex(p => p.CreditRequestId, "IX_Payments_OneOpenOnlinePerCreditRequest").IsUnique().HasFilter(OpenOnlineFilter);
        builder.HasIndex(p => new { p.ClientId, p.CreatedAt });
        builder.HasIndex(p => new { p.Status, p.CreatedAt });
    }
}

/// <summary>The last number of a series used per year; incremented inside the issuing transaction, so numbers have no gaps.</summary>
public abstract class NumberCounter
{
    public int Year { get; set; }
    public int LastNumber { get; set; }
}

public sealed class InvoiceNumberCounter : NumberCounter;

public sealed class CreditNoteNumberCounter : NumberCounter;

internal sealed class InvoiceNumberCounterConfiguration : IEntityTypeConfiguration<InvoiceNumberCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceNumberCounter> builder)
    {
        builder.ToTable(InvoiceNumbering.InvoiceCounters);
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
        builder.Property(c => c.LastNumber).IsConcurrencyToken();
    }
}

internal sealed class CreditNoteNumberCounterConfiguration : IEntityTypeConfiguration<CreditNoteNumberCounter>
{
    public void Configure(EntityTypeBuilder<CreditNoteNumberCounter> builder)
    {
        builder.ToTable(InvoiceNumbering.CreditNoteCounters);
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
        builder.Property(c => c.LastNumber).IsConcurrencyToken();
    }
}
