using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Web.Features.Shell;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary><c>/admin/credit-notes/export.csv</c>: the credit note list with the page's search and sort, every page.</summary>
public static class CreditNoteExport
{
    public sealed record Row(string Number, string IssuedOn, string Invoice, string Client, string Currency, string Total);

    public static async Task<IResult> HandleAsync(string? q, string? sort, CreditNoteListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await CsvExport.AllPagesAsync(page => query.RunAsync(new CreditNoteListFilter(q, sort, page, Invoices.InvoiceExport.ExportPageSize), ct));
        return CsvExport.File(rows.Select(r => new Row(
            r.Number, r.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.InvoiceNumber, r.ClientName, r.Currency,
            new Money(r.TotalMinor, Currency.FromCode(r.Currency)).ToDecimalString())), "credit-notes.csv");
    }
}
