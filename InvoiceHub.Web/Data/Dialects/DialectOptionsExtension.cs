using Microsoft.EntityFrameworkCore.Infrastructure;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// Carries the dialect in the context options, so code holding only a context (row locks, numbering, the model's
/// conventions) asks it instead of the provider. It adds no services: contexts of different dialects already differ
/// by their provider extension.
/// </summary>
internal sealed class DialectOptionsExtension(DatabaseDialect dialect) : IDbContextOptionsExtension
{
    private ExtensionInfo? _info;

    public DatabaseDialect Dialect { get; } = dialect;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(DialectOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"Dialect={extension.Dialect.Provider} ";

        public override int GetServiceProviderHashCode() => extension.Dialect.GetHashCode();

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo info && info.Extension is DialectOptionsExtension e && ReferenceEquals(e.Dialect, extension.Dialect);

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["InvoiceHub:Dialect"] = extension.Dialect.Provider.ToString();
    }
}
