using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Features.Shell;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary><c>/admin/invoices/export.csv</c>: the invoice list with the filters of the page's query string, every page.</summary>
public static class InvoiceExport
{
    public const int ExportPageSize = 1000;

    public sealed record Row(string Number, string Client, string Status, bool Overdue, string DueDate, string Currency, string Total, string StillToPay);

    public static async Task<IResult> HandleAsync(string? q, string? status, bool? overdue, string? from, string? to, string? sort, InvoiceListQuery query, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(clock);
        InvoiceStatus? parsedStatus = Enum.TryParse<InvoiceStatus>(status, ignoreCase: true, out var s) ? s : null;
        if (!ListDates.TryParse(from, out var dueFrom) || !ListDates.TryParse(to, out var dueTo))
        {
            return Results.BadRequest(ListDates.Hint);
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await CsvExport.AllPagesAsync(page =>
            query.RunAsync(new InvoiceListFilter(q, parsedStatus, overdue == true, dueFrom, dueTo, sort, page, ExportPageSize), ct));
        return CsvExport.File(rows.Select(r => new Row(
            r.Number ?? "Draft", r.ClientName, r.Status.ToString(), r.Status == InvoiceStatus.Open && r.DueDate < today,
            r.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Currency,
            Amount(r.TotalMinor, r.Currency), Amount(r.StillToPayMinor, r.Currency))), "invoices.csv");
    }

    private static string Amount(long minor, string currency) => new Money(minor, Currency.FromCode(currency)).ToDecimalString();
}
