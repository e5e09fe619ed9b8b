using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Web.Features.Shell;

namespace InvoiceHub.Web.Features.CreditRequests;

/// <summary><c>/admin/credit-requests/export.csv</c>: the credit request list with the filters of the page's query string, every page.</summary>
public static class CreditRequestExport
{
    public sealed record Row(string Number, string Client, string Description, string Status, bool Overdue, string DueDate, string Currency, string Amount);

    public static async Task<IResult> HandleAsync(string? q, string? status, bool? overdue, string? from, string? to, string? sort, CreditRequestListQuery query, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(clock);
        if (!ListDates.TryParse(from, out var dueFrom) || !ListDates.TryParse(to, out var dueTo))
        {
            return Results.BadRequest(ListDates.Hint);
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await CsvExport.AllPagesAsync(page =>
            query.RunAsync(new CreditRequestListFilter(q, ParseStatus(status), overdue == true, dueFrom, dueTo, sort, page, Invoices.InvoiceExport.ExportPageSize), ct));
        return CsvExport.File(rows.Select(r => new Row(
            InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(r.Id), r.ClientName, r.Description, r.Status.ToString(), IsOverdue(r, today),
            r.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", r.Currency,
            new Money(r.AmountMinor, Currency.FromCode(r.Currency)).ToDecimalString())), "credit-requests.csv");
    }

    public static CreditRequestStatus? ParseStatus(string? status) =>
        Enum.TryParse<CreditRequestStatus>(status, ignoreCase: true, out var s) ? s : null;

    public static bool IsOverdue(CreditRequestListRow row, DateOnly today) =>
        row.Status == CreditRequestStatus.Open && row.DueDate is { } due && due < today;
}
