namespace InvoiceHub.Web.Infrastructure.DemoData;

/// <summary>Bound from <c>DemoData</c>; on in appsettings.Development.json only.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    public bool Seed { get; set; }

    /// <summary>Number of Bogus-generated clients; the data is deterministic for a given count.</summary>
    public int Clients { get; set; } = 40;

    public const string Password = "InvoiceHub!2026";
    public const string AdminEmail = "admin@invoicehub.test";
    public const string FinanceEmail = "finance@invoicehub.test";
    public const string ClientEmail = "client@invoicehub.test";
    public const string ApiKey = "ih_dev_key";
}
