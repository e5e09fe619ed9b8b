namespace InvoiceHub.Web.Infrastructure.Security;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Finance = "Finance";
    public const string Client = "Client";

    public static readonly IReadOnlyList<string> All = [Admin, Finance, Client];
}

public static class Policies
{
    /// <summary>Admin or Finance: the back office under /admin.</summary>
    public const string Staff = "Staff";
    /// <summary>Admin only: settings, providers, users, API keys, jobs.</summary>
    public const string Admin = "Admin";
    /// <summary>A client's own dashboard under /portal.</summary>
    public const string Client = "Client";
}

/// <summary>Claim types InvoiceHub adds to a signed-in principal.</summary>
public static class InvoiceHubClaims
{
    public const string ClientId = "invoicehub:client_id";
}
