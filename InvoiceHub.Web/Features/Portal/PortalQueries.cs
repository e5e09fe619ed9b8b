using System.Data.Common;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Data.Dialects;
using InvoiceHub.Web.Features.Payments;

namespace InvoiceHub.Web.Features.Portal;

public sealed record UnpaidDocument(PayableKind Kind, int Id, string Number, DateOnly? DueDate, long TotalMinor, long StillToPayMinor, string Currency)
{
    /// <summary>A bank transfer or direct debit under way for it (<see cref="PendingPayments"/>).</summary>
    public PendingPayment? Pending { get; init; }

    public bool IsOverdue(DateOnly today) => DueDate is { } due && today > due;
}

public sealed record PaidDocument(PayableKind Kind, int Id, string Number, DateTimeOffset? PaidAt, long TotalMinor, string Currency);

public sealed record PortalDashboard(string ClientName, long BalanceMinor, string Currency, IReadOnlyList<UnpaidDocument> Unpaid, IReadOnlyList<PaidDocument> Paid);

/// <summary>
/// The client dashboard in one round trip: the client, the open documents and the latest paid ones as one hand-written
/// UNION ALL on a prepared statement (<see cref="PreparedReads"/>, docs/decisions/0014; the indexes on ClientId and
/// Status serve every part, ClientId and CreatedAt the pending payments'); never another client's rows. Only the row limit,
/// the instants and the true test come from the dialect.
/// </summary>
public sealed class PortalQueries(PreparedReads reads, DatabaseDialect dialect)
{
    public const int PaidHistoryRows = 20;

    private const int ClientPart = 0, OpenInvoicePart = 1, OpenRequestPart = 2, PaidInvoicePart = 3, PaidRequestPart = 4, PendingPart = 5;

    // Columns: part, id, text (client name or invoice number), due date, paid at, amount, still to pay, currency.
    // The client's part comes last: its NULLs (and the pending payments' date) then take the types of the parts before it on PostgreSQL.
    private readonly string _dashboardSql = $"""
        SELECT * FROM (SELECT {PaidInvoicePart} AS "Part", i."Id", i."Number" AS "Text", i."DueDate", i."PaidAt", i."TotalMinor" AS "Amount", 0 AS "StillToPay", i."Currency"
          FROM "Invoices" AS i WHERE i."ClientId" = @client AND i."Status" = 'Paid' ORDER BY i."Id" DESC {dialect.FirstRows(PaidHistoryRows)}) AS paid_invoices
        UNION ALL
        SELECT {OpenInvoicePart}, i."Id", i."Number", i."DueDate", i."PaidAt", i."TotalMinor", i."TotalMinor" - i."AmountPaidMinor", i."Currency"
          FROM "Invoices" AS i WHERE i."ClientId" = @client AND i."Status" = 'Open'
        UNION ALL
        SELECT {OpenRequestPart}, r."Id", NULL, r."DueDate", r."PaidAt", r."AmountMinor", r."AmountMinor", r."Currency"
          FROM "CreditRequests" AS r WHERE r."ClientId" = @client AND r."Status" = 'Open'
        UNION ALL
        SELECT * FROM (SELECT {PaidRequestPart}, r."Id", NULL, r."DueDate", r."PaidAt", r."AmountMinor", 0, r."Currency"
          FROM "CreditRequests" AS r WHERE r."ClientId" = @client AND r."Status" = 'Paid' ORDER BY r."Id" DESC {dialect.FirstRows(PaidHistoryRows)}) AS paid_requests
        UNION ALL
        {PendingPayments.Part(PendingPart, dialect)}
        UNION ALL
        SELECT {ClientPart}, c."Id", c."Name", NULL, NULL, c."BalanceMinor", 0, c."Currency"
          FROM "Clients" AS c WHERE c."Id" = @client
        """;

    public async Task<PortalDashboard?> DashboardAsync(int clientId, CancellationToken cancellationToken = default) =>
        await reads.QueryAsync(_dashboardSql, [new("@client", clientId)], ReadAsync, cancellationToken);

    private async Task<PortalDashboard?> ReadAsync(DbDataReader rows, CancellationToken cancellationToken)
    {
        (string Name, long Balance, string Currency)? client = null;
        var unpaid = new List<UnpaidDocument>();
        var paid = new List<PaidDocument>();
        var pending = new Dictionary<(PayableKind Kind, int Id), PendingPayment>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var part = rows.GetInt32(0);
            if (part == PendingPart)
            {
                PendingPayments.Add(pending, rows, dialect);
                continue;
            }

            var id = rows.GetInt32(1);
            var amount = rows.GetInt64(5);
            var currency = rows.GetString(7);
            switch (part)
            {
                case ClientPart:
                    client = (rows.GetString(2), amount, currency);
                    break;
                case OpenInvoicePart:
                    unpaid.Add(new UnpaidDocument(PayableKind.Invoice, id, rows.GetString(2), DueDate(rows), amount, rows.GetInt64(6), currency));
                    break;
                case OpenRequestPart:
                    unpaid.Add(new UnpaidDocument(PayableKind.CreditRequest, id, InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(id), DueDate(rows), amount, rows.GetInt64(6), currency));
                    break;
                case PaidInvoicePart:
                    paid.Add(new PaidDocument(PayableKind.Invoice, id, rows.GetString(2), PaidAt(rows), amount, currency));
                    break;
                default:
                    paid.Add(new PaidDocument(PayableKind.CreditRequest, id, InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(id), PaidAt(rows), amount, currency));
                    break;
            }
        }
        if (client is not { } found)
        {
            return null;
        }

        return new PortalDashboard(found.Name, found.Balance, found.Currency,
            unpaid.Select(d => d with { Pending = pending.GetValueOrDefault((d.Kind, d.Id)) })
                .OrderBy(d => d.DueDate ?? DateOnly.MaxValue).ThenBy(d => d.Number, StringComparer.Ordinal).ToList(),
            paid.OrderByDescending(d => d.PaidAt).Take(PaidHistoryRows).ToList());
    }

    private static DateOnly? DueDate(DbDataReader rows) => rows.IsDBNull(3) ? null : rows.GetFieldValue<DateOnly>(3);

    private DateTimeOffset? PaidAt(DbDataReader rows) =>
        rows.IsDBNull(4) ? null : dialect.ReadInstant(rows, 4);
}
