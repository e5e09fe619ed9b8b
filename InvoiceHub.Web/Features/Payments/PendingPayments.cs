using System.Data.Common;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Data.Dialects;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>A payment under way for a document: started at Mollie, waiting for the bank (days, not minutes).</summary>
public sealed record PendingPayment(DateTimeOffset Since, long AmountMinor, string Currency);

/// <summary>
/// "Payment pending since …": the bank transfers and direct debits started at Mollie and not yet paid or failed, for
/// one document alone or in a payment for several documents. One SQL text read on a prepared statement
/// (<see cref="PreparedReads"/>, docs/decisions/0014): the client dashboard adds it to its own round trip
/// (<see cref="Part"/>), the document pages (portal, payment link, staff) read it alone. An open card or iDEAL checkout is
/// not "pending": nobody has paid it yet, and Pay Now hands it out again.
/// </summary>
public sealed class PendingPayments(PreparedReads reads, DatabaseDialect dialect)
{
    private readonly string _sql = Part(0, dialect);

    /// <summary>
    /// The pending payments of one client as a part of a UNION ALL whose columns are: part, document id, document kind,
    /// (a NULL date), started at, amount, 0, currency. A document paid in several is listed once per payment.
    /// </summary>
    public static string Part(int part, DatabaseDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"""
            SELECT {part}, COALESCE(p."InvoiceId", p."CreditRequestId", d."DocumentId"),
                   CASE WHEN p."InvoiceId" IS NOT NULL THEN 'Invoice' WHEN p."CreditRequestId" IS NOT NULL THEN 'CreditRequest' ELSE d."Kind" END,
                   NULL, p."CreatedAt", p."AmountMinor", 0, p."Currency"
              FROM "Payments" AS p LEFT JOIN "PaymentDocuments" AS d ON d."PaymentId" = p."Id" AND d.{dialect.IsTrue("Open")}
              WHERE p."ClientId" = @client AND p."Provider" = 'Mollie'
                AND (p."Status" = 'Pending' OR (p."Status" = 'Open' AND p."Method" IN ('BankTransfer', 'DirectDebit')))
                AND COALESCE(p."InvoiceId", p."CreditRequestId", d."DocumentId") IS NOT NULL
            """;
    }

    /// <summary>Adds one row of <see cref="Part"/> to <paramref name="pending"/>; a document keeps its earliest payment.</summary>
    public static void Add(Dictionary<(PayableKind Kind, int Id), PendingPayment> pending, DbDataReader rows, DatabaseDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(dialect);
        var key = (Enum.Parse<PayableKind>(rows.GetString(2)), rows.GetInt32(1));
        var payment = new PendingPayment(dialect.ReadInstant(rows, 4), rows.GetInt64(5), rows.GetString(7));
        if (!pending.TryGetValue(key, out var known) || payment.Since < known.Since)
        {
            pending[key] = payment;
        }
    }

    public async Task<IReadOnlyDictionary<(PayableKind Kind, int Id), PendingPayment>> OfClientAsync(int clientId, CancellationToken cancellationToken = default) =>
        await reads.QueryAsync(_sql, [new("@client", clientId)], async (rows, ct) =>
        {
            var pending = new Dictionary<(PayableKind Kind, int Id), PendingPayment>();
            while (await rows.ReadAsync(ct))
            {
                Add(pending, rows, dialect);
            }

            return pending;
        }, cancellationToken);

    public async Task<PendingPayment?> OfDocumentAsync(PayableKind kind, int id, int clientId, CancellationToken cancellationToken = default) =>
        (await OfClientAsync(clientId, cancellationToken)).GetValueOrDefault((kind, id));
}
