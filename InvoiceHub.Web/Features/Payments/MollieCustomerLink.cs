using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>Which Mollie customer (<c>cst_…</c>) a client is; their mandates are read from Mollie, never copied.</summary>
public sealed class MollieCustomerLink
{
    private MollieCustomerLink()
    {
        CustomerId = "";
    }

    public MollieCustomerLink(int clientId, string customerId, DateTimeOffset now)
    {
        ClientId = clientId;
        CustomerId = customerId;
        CreatedAt = now;
    }

    public int ClientId { get; private set; }

    public string CustomerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
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
