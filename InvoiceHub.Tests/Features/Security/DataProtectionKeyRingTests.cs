using System.Xml.Linq;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Tests.Integrations.Mollie;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.PaymentProviders;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InvoiceHub.Tests.Features.Security;

/// <summary>The Data Protection key ring lives in the app's database: what one run encrypted, the next run decrypts.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DataProtectionKeyRingTests(PostgresServer postgres)
{
    private const string MollieKey = "test_KeptAcrossRestarts0123456789";

    [Fact]
    public Task The_stored_Mollie_key_still_decrypts_after_a_restart_on_SQLite() =>
        KeySurvivesRestartAsync(new InvoiceHubOptions());

    [RequiresPostgresFact]
    public Task The_stored_Mollie_key_still_decrypts_after_a_restart_on_PostgreSQL() =>
        KeySurvivesRestartAsync(new InvoiceHubOptions { Provider = DatabaseProvider.Postgres, Postgres = postgres });

    private static async Task KeySurvivesRestartAsync(InvoiceHubOptions options)
    {
        var logs = new CapturingLoggerProvider();
        await using var before = await InvoiceHubFactory.CreateAsync(options with
        {
            Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            Services = services => services.AddSingleton<ILoggerProvider>(logs),
        });
        await before.Services.GetRequiredService<PaymentProviderService>().SaveMollieKeyAsync(MollieKey);
        await before.StopServerAsync();

        await using var after = await InvoiceHubFactory.CreateAsync(options with
        {
            Settings = new Dictionary<string, string?> { [$"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}"] = before.ConnectionString },
        });

        Assert.Equal(MollieKey, await after.Services.GetRequiredService<PaymentProviderService>().GetMollieKeyAsync());
        await using var db = after.CreateDbContext();
        var keys = await db.Set<DataProtectionKey>().AsNoTracking().ToListAsync();
        var key = Assert.Single(keys);
        Assert.Contains("<masterKey", key.Xml, StringComparison.Ordinal);
        Assert.StartsWith("key-", key.FriendlyName, StringComparison.Ordinal);
        // Neither the master key nor the Mollie key it protects reaches the log, even at Trace.
        var masterKey = XElement.Parse(key.Xml).Descendants("value").Single().Value;
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(masterKey, StringComparison.Ordinal) || l.Contains(MollieKey, StringComparison.Ordinal));
    }
}
