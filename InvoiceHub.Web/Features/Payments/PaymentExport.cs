using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Shell;

namespace InvoiceHub.Web.Features.Payments;

/// <summary><c>/admin/payments/export.csv</c>: the payment list with the filters of the page's query string, every page.</summary>
public static class PaymentExport
{
    public const int ExportPageSize = 1000;

    public sealed record Row(int Id, string Created, string Client, string? Document, string Method, string Provider, string Status, string Currency, string Amount, string Refunded, string? MollieId, string? Reference);

    public static async Task<IResult> HandleAsync(string? q, string? status, string? method, string? from, string? to, string? sort, PaymentListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (PaymentListQuery.Parse(q, status, method, from, to, sort, 1, ExportPageSize, out var error) is not { } filter)
        {
            return Results.BadRequest(error);
        }

        var rows = await CsvExport.AllPagesAsync(page => query.RunAsync(filter with { Page = page }, ct));
        return CsvExport.File(rows.Select(r => new Row(
            r.Id, r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.ClientName, r.Document,
            DocumentTimeline.PaymentMethodName(r.Method), r.Provider.ToString(), r.Status.ToString(), r.Currency,
            Amount(r.AmountMinor, r.Currency), Amount(r.RefundedMinor, r.Currency), r.ProviderPaymentId, r.Reference)), "payments.csv");
    }

    private static string Amount(long minor, string currency) => new Money(minor, Currency.FromCode(currency)).ToDecimalString();
}
