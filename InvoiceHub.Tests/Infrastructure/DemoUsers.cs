using InvoiceHub.Web.Infrastructure.DemoData;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>The Development demo accounts of SPEC.md, seeded when <see cref="InvoiceHubOptions.SeedDemoData"/> is on.</summary>
public static class DemoUsers
{
    public const string Admin = DemoDataOptions.AdminEmail;
    public const string Finance = DemoDataOptions.FinanceEmail;
    public const string Client = DemoDataOptions.ClientEmail;
    public const string Password = DemoDataOptions.Password;
}
