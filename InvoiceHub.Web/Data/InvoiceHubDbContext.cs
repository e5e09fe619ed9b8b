using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data.Dialects;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data;

/// <remarks>
/// Not sealed only for the per-provider subclasses in <c>Data/Migrations/</c>, which exist so that each provider has its
/// own migrations and model snapshot (docs/decisions/0019); the app itself always uses this type.
/// </remarks>
public class InvoiceHubDbContext : IdentityDbContext<AppUser>
{
    public InvoiceHubDbContext(DbContextOptions<InvoiceHubDbContext> options)
        : this((DbContextOptions)options)
    {
    }

    protected InvoiceHubDbContext(DbContextOptions options)
        : base(options) =>
        Dialect = options.FindExtension<DialectOptionsExtension>()?.Dialect
            ?? throw new InvalidOperationException("Configure InvoiceHubDbContext through DatabaseRegistration.Configure, which attaches the database dialect.");

    /// <summary>The provider's dialect, attached by <see cref="DatabaseRegistration"/> (docs/decisions/0015).</summary>
    public DatabaseDialect Dialect { get; }

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AccountingSettings> Settings => Set<AccountingSettings>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<BalanceEntry> BalanceEntries => Set<BalanceEntry>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<CreditRequest> CreditRequests => Set<CreditRequest>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<Chargeback> Chargebacks => Set<Chargeback>();
    public DbSet<PaymentDocument> PaymentDocuments => Set<PaymentDocument>();
    public DbSet<InvoiceNumberCounter> InvoiceNumberCounters => Set<InvoiceNumberCounter>();
    public DbSet<Domain.CreditNotes.CreditNote> CreditNotes => Set<Domain.CreditNotes.CreditNote>();
    public DbSet<CreditNoteNumberCounter> CreditNoteNumberCounters => Set<CreditNoteNumberCounter>();
    public DbSet<Integrations.Email.OutboxMessage> Outbox => Set<Integrations.Email.OutboxMessage>();
    public DbSet<PaymentLink> PaymentLinks => Set<PaymentLink>();
    public DbSet<PaymentProviderSettings> PaymentProviders => Set<PaymentProviderSettings>();
    public DbSet<MollieCustomerLink> MollieCustomers => Set<MollieCustomerLink>();
    public DbSet<MandateHold> MandateHolds => Set<MandateHold>();

    /// <summary>
    /// A save that met SQLite's write lock past the busy timeout says so the same way everywhere (nothing was written,
    /// try again; decision 0013): pages show the message and the API answers 503, whether or not the save was a money
    /// transaction.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (Exception ex) when (DatabaseDialect.IsDatabaseBusy(ex))
        {
            throw new DatabaseBusyException(ex);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (Exception ex) when (DatabaseDialect.IsDatabaseBusy(ex))
        {
            throw new DatabaseBusyException(ex);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(InvoiceHubDbContext).Assembly);
        PaymentDocumentConfiguration.Configure(builder.Entity<PaymentDocument>(), Dialect);
        Dialect.FinishModel(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        Dialect.ConfigureConventions(configurationBuilder);
    }
}
