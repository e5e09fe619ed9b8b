using InvoiceHub.Domain;
using InvoiceHub.Web.Features.Shell;

namespace InvoiceHub.Web.Features.Clients;

/// <summary><c>/admin/clients/export.csv</c>: the client list with the page's search and sort, every page.</summary>
public static class ClientExport
{
    public sealed record Row(string Name, string Email, string Currency, string Balance, int OpenInvoices, string StillToPay);

    public static async Task<IResult> HandleAsync(string? q, string? sort, ClientListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await CsvExport.AllPagesAsync(page => query.RunAsync(q, sort, page, Invoices.InvoiceExport.ExportPageSize, ct));
        return CsvExport.File(rows.Select(r => new Row(r.Name, r.Email, r.Currency, Amount(r.BalanceMinor, r.Currency), r.OpenInvoices, Amount(r.OpenMinor, r.Currency))), "clients.csv");
    }

    private static string Amount(long minor, string currency) => new Money(minor, Currency.FromCode(currency)).ToDecimalString();
}
