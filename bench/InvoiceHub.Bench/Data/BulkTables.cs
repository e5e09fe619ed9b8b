namespace InvoiceHub.Bench.Data;

/// <summary>A table of the migrated schema and the columns the generator fills, in insert order.</summary>
public sealed record BulkTable(string Name, params string[] Columns);

/// <summary>The money tables in foreign-key order (parents first), column names as the migrations create them.</summary>
public static class BulkTables
{
    public static readonly BulkTable Clients = new("Clients",
        "Id", "Name", "Email", "Currency", "BalanceMinor", "AutoCharge", "PortalAccess", "CreatedAt", "Version");

    public static readonly BulkTable Invoices = new("Invoices",
        "Id", "ClientId", "Currency", "Status", "Number", "DueDate", "IssuedOn", "CreatedAt", "PaidAt", "VoidedAt", "VoidReason",
        "NetMinor", "TaxMinor", "TotalMinor", "AmountPaidMinor", "Version");

    public static readonly BulkTable InvoiceLines = new("InvoiceLines",
        "Id", "Position", "Description", "Quantity", "UnitPriceMinor", "TaxRatePercent", "NetMinor", "TaxMinor", "TotalMinor", "InvoiceId");

    /// <summary>PaymentId is linked afterwards in one statement: requests and payments reference each other.</summary>
    public static readonly BulkTable CreditRequests = new("CreditRequests",
        "Id", "ClientId", "Currency", "AmountMinor", "Description", "DueDate", "Status", "CreatedAt", "PaidAt", "CancelledAt", "Version");

    public static readonly BulkTable Payments = new("Payments",
        "Id", "ClientId", "Currency", "AmountMinor", "Method", "Provider", "ProviderPaymentId", "Status", "InitiatedBy", "Reference",
        "ReceivedOn", "InvoiceId", "CreditRequestId", "CreatedAt", "StatusChangedAt", "PaidAt", "RecordedAt", "Version");

    public static readonly BulkTable BalanceEntries = new("BalanceEntries",
        "Id", "Kind", "AmountMinor", "BalanceAfterMinor", "Reason", "CreatedAt", "InvoiceId", "CreditRequestId", "PaymentId", "ClientId");

    public static readonly BulkTable Allocations = new("Allocations",
        "Id", "AmountMinor", "Source", "PaymentId", "BalanceEntryId", "CreatedAt", "VoidedAt", "InvoiceId");

    public static readonly BulkTable Outbox = new("Outbox",
        "Id", "To", "Subject", "HtmlBody", "TextBody", "Kind", "DeduplicationKey", "Status", "Attempts", "CreatedAt", "NextAttemptAt", "SentAt");

    public static readonly BulkTable MollieCustomers = new("MollieCustomers", "ClientId", "CustomerId", "CreatedAt");

    public static readonly BulkTable InvoiceNumberCounters = new("InvoiceNumberCounters", "Year", "LastNumber");

    public static IReadOnlyList<BulkTable> InOrder { get; } =
        [Clients, Invoices, InvoiceLines, CreditRequests, Payments, BalanceEntries, Allocations];
}
