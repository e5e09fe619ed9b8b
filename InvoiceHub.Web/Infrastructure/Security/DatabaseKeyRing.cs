using System.Xml.Linq;
using InvoiceHub.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Infrastructure.Security;

/// <summary>One Data Protection key (its XML as written by ASP.NET Core), in the app's database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}

/// <summary>
/// The Data Protection key ring in the app's database under one application name, so that every node on the
/// database and every restart protects and unprotects with the same keys: sign-in cookies, anti-forgery tokens
/// and the stored Mollie API key. Keys are never logged.
/// </summary>
public sealed class DatabaseKeyRing(IDbContextFactory<InvoiceHubDbContext> dbFactory) : IXmlRepository
{
    public const string ApplicationName = "InvoiceHub";

    public static void AddTo(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IDbContextFactory<InvoiceHubDbContext>>((o, dbFactory) => o.XmlRepository = new DatabaseKeyRing(dbFactory));
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbFactory.CreateDbContext();
        return db.Set<DataProtectionKey>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = dbFactory.CreateDbContext();
        db.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.Property(k => k.FriendlyName).HasMaxLength(100);
    }
}
