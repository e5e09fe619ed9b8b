using System.Data.Common;
using Bogus;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Bench.Data;

/// <summary>What the generator wrote.</summary>
public sealed record GeneratedData(int Clients, int Invoices, int OpenInvoices, int Drafts, int CreditRequests, int Payments, TimeSpan Elapsed);

/// <summary>
/// A large business written straight into a freshly migrated database: Bogus names, invoices in every state,
/// credit requests, offline payments and balances, batch by batch through <see cref="BulkWriter"/>. Every
/// client's rows keep the money invariants the app keeps (ledger sums to the balance, allocations to the
/// amount paid, Paid exactly when fully allocated), so the app's own code can run on top of them.
/// Ids are assigned here (the tables must be empty), so children reference parents without round trips.
/// </summary>
public sealed class BenchDataGenerator
{
    /// <summary>Invoice numbers have five digits a year; generated years stop short so the real numbering has room.</summary>
    public const int NumbersPerYear = 90_000;

    private static readonly string[] Services =
    [
        "Maths tutoring, 60 min", "English tutoring, 60 min", "Exam preparation session", "Physics tutoring, 90 min",
        "Study skills workshop", "Chemistry tutoring, 60 min", "Essay feedback", "Group lesson (4 pupils)",
        "Consultation", "Progress report", "Online lesson, 45 min", "Materials and workbook",
    ];

    private readonly Faker _faker;
    private readonly BenchSize _size;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private readonly Dictionary<int, int> _lastNumberByYear = [];
    private readonly Dictionary<BulkTable, List<object?[]>> _batch = BulkTables.InOrder.ToDictionary(t => t, _ => new List<object?[]>());
    private int _invoiceId, _lineId, _requestId, _paymentId, _entryId, _allocationId, _issued, _open, _drafts;

    private BenchDataGenerator(BenchSize size, DateTimeOffset now, int seed)
    {
        _size = size;
        _now = now.ToUniversalTime();
        _today = DateOnly.FromDateTime(_now.UtcDateTime);
        _faker = new Faker("en") { Random = new Randomizer(seed) };
    }

    public static async Task<GeneratedData> GenerateAsync(DbConnection connection, BenchSize size, DateTimeOffset now,
        int seed = 2026, int clientsPerBatch = 2_000, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var generator = new BenchDataGenerator(size, now, seed);
        await using var writer = await BulkWriter.OpenAsync(connection, ct);
        for (var first = 1; first <= size.Clients; first += clientsPerBatch)
        {
            var last = Math.Min(size.Clients, first + clientsPerBatch - 1);
            for (var clientId = first; clientId <= last; clientId++)
            {
                generator.AddClient(clientId);
            }
            await writer.BeginAsync(ct);
            foreach (var (table, rows) in generator._batch)
            {
                await writer.WriteAsync(table, rows, ct);
                rows.Clear();
            }
            await writer.CommitAsync(ct);
            progress?.Report($"{last:N0}/{size.Clients:N0} clients, {generator._invoiceId:N0} invoices");
        }

        await writer.BeginAsync(ct);
        await writer.WriteAsync(BulkTables.InvoiceNumberCounters,
            generator._lastNumberByYear.Select(y => new object?[] { y.Key, y.Value }).ToList(), ct);
        // Requests and their payments reference each other; the request side is linked in one statement.
        await writer.ExecuteAsync("""
            UPDATE "CreditRequests" SET "PaymentId" = (SELECT p."Id" FROM "Payments" p WHERE p."CreditRequestId" = "CreditRequests"."Id")
            WHERE "Status" = 'Paid'
            """, ct);
        await writer.MoveSequencesAsync(BulkTables.InOrder);
        await writer.CommitAsync(ct);
        return new GeneratedData(size.Clients, generator._invoiceId, generator._open, generator._drafts, generator._requestId, generator._paymentId, started.Elapsed);
    }

    private int InvoicesFor(int clientId) =>
        _size.Invoices / _size.Clients + (clientId <= _size.Invoices % _size.Clients ? 1 : 0);

    private void AddClient(int clientId)
    {
        var f = _faker;
        var first = f.Name.FirstName();
        var lastName = f.Name.LastName();
        var name = f.Random.Bool(0.3f) ? f.Company.CompanyName() : $"{first} {lastName}";
        var createdAt = _now.AddDays(-f.Random.Int(400, 4000));
        var balance = 0L;

        if (f.Random.Bool(0.35f))
        {
            balance = AddEntry(clientId, BalanceEntryKind.ManualAdjustment, f.Random.Int(10, 100) * 1000, balance,
                createdAt.AddDays(1), reason: "Opening balance carried over");
        }

        for (var i = f.Random.Int(0, 2); i > 0; i--)
        {
            balance = AddCreditRequest(clientId, balance);
        }

        for (var i = InvoicesFor(clientId); i > 0; i--)
        {
            balance = AddInvoice(clientId, balance);
        }

        _batch[BulkTables.Clients].Add([clientId, name, $"{first}.{lastName}{clientId}@example.test".ToLowerInvariant(), "EUR",
            balance, f.Random.Bool(0.8f), true, createdAt, 1]);
    }

    private long AddCreditRequest(int clientId, long balance)
    {
        var f = _faker;
        var id = ++_requestId;
        var amount = f.PickRandom(100, 250, 500) * 100L;
        var createdAt = _now.AddDays(-f.Random.Int(1, 60));
        var due = DateOnly.FromDateTime(createdAt.UtcDateTime).AddDays(14);
        var fate = f.Random.Int(0, 99);
        var status = fate < 50 ? CreditRequestStatus.Open : fate < 85 ? CreditRequestStatus.Paid : CreditRequestStatus.Cancelled;
        DateTimeOffset? paidAt = status == CreditRequestStatus.Paid ? createdAt.AddDays(1) : null;
        DateTimeOffset? cancelledAt = status == CreditRequestStatus.Cancelled ? createdAt.AddDays(2) : null;
        _batch[BulkTables.CreditRequests].Add([id, clientId, "EUR", amount, "Prepaid lessons top-up", due, status.ToString(), createdAt, paidAt, cancelledAt, 1]);
        if (paidAt is { } paid)
        {
            var paymentId = AddPayment(clientId, amount, paid, invoiceId: null, requestId: id);
            balance = AddEntry(clientId, BalanceEntryKind.CreditRequestPaid, amount, balance, paid, requestId: id, paymentId: paymentId);
        }
        return balance;
    }

    private long AddInvoice(int clientId, long balance)
    {
        var f = _faker;
        var id = ++_invoiceId;
        long net = 0, tax = 0;
        var lines = f.Random.Int(1, 3);
        for (var position = 1; position <= lines; position++)
        {
            var quantity = (decimal)f.Random.Int(1, 5);
            var unit = f.Random.Int(35, 95) * 100L;
            var rate = f.PickRandom(0m, 9m, 21m);
            var lineNet = InvoiceLine.CalculateNetMinor(quantity, unit);
            var lineTax = InvoiceLine.CalculateTaxMinor(lineNet, rate);
            net += lineNet;
            tax += lineTax;
            _batch[BulkTables.InvoiceLines].Add([++_lineId, position, f.PickRandom(Services), quantity, unit, rate, lineNet, lineTax, lineNet + lineTax, id]);
        }
        var total = net + tax;

        var fate = f.Random.Int(0, 99);
        if (fate < 5)
        {
            _drafts++;
            _batch[BulkTables.Invoices].Add([id, clientId, "EUR", InvoiceStatus.Draft.ToString(), null, _today.AddDays(30), null,
                _now.AddDays(-f.Random.Int(0, 10)), null, null, null, net, tax, total, 0L, 1]);
            return balance;
        }

        var (number, issuedOn) = NextNumber();
        var issuedAt = new DateTimeOffset(issuedOn.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var due = issuedOn.AddDays(f.PickRandom(14, 30));
        var status = fate < 25 ? InvoiceStatus.Open : fate < 35 ? InvoiceStatus.Void : InvoiceStatus.Paid;
        var paidMinor = 0L;
        DateTimeOffset? paidAt = null, voidedAt = null;
        var allocatedAt = issuedAt.AddDays(f.Random.Int(1, 20));
        if (status == InvoiceStatus.Open)
        {
            _open++;
            if (f.Random.Int(0, 2) == 0 && total >= 2)
            {
                paidMinor = total / 2;
                AddAllocation(id, paidMinor, AllocationSource.Payment, AddPayment(clientId, paidMinor, allocatedAt, id, null), null, allocatedAt);
            }
        }
        else if (status == InvoiceStatus.Paid)
        {
            paidMinor = total;
            paidAt = allocatedAt;
            if (balance >= total && f.Random.Bool())
            {
                balance = AddEntry(clientId, BalanceEntryKind.AppliedToInvoice, -total, balance, allocatedAt, invoiceId: id);
                AddAllocation(id, total, AllocationSource.Balance, null, _entryId, allocatedAt);
            }
            else
            {
                AddAllocation(id, total, AllocationSource.Payment, AddPayment(clientId, total, allocatedAt, id, null), null, allocatedAt);
            }
        }
        else
        {
            voidedAt = issuedAt.AddDays(2);
        }

        _batch[BulkTables.Invoices].Add([id, clientId, "EUR", status.ToString(), number, due, issuedOn, issuedAt, paidAt, voidedAt,
            voidedAt is null ? null : "Raised in error", net, tax, total, paidMinor, 1]);
        return balance;
    }

    /// <summary>Numbers fill past years backwards, <see cref="NumbersPerYear"/> each, so this year's numbering stays free.</summary>
    private (string Number, DateOnly IssuedOn) NextNumber()
    {
        var year = _today.Year - 1 - _issued / NumbersPerYear;
        var sequence = _issued % NumbersPerYear + 1;
        _issued++;
        _lastNumberByYear[year] = sequence;
        var issuedOn = new DateOnly(year, 1, 1).AddDays(_faker.Random.Int(0, 330));
        return (InvoiceNumber.Format(year, sequence), issuedOn);
    }

    private int AddPayment(int clientId, long amount, DateTimeOffset paidAt, int? invoiceId, int? requestId)
    {
        var id = ++_paymentId;
        _batch[BulkTables.Payments].Add([id, clientId, "EUR", amount, PaymentMethod.BankTransfer.ToString(), PaymentProvider.WireTransfer.ToString(),
            null, PaymentStatus.Paid.ToString(), PaymentInitiator.Staff.ToString(), $"REF-{id:D8}", DateOnly.FromDateTime(paidAt.UtcDateTime),
            invoiceId, requestId, paidAt, paidAt, paidAt, paidAt, 1]);
        return id;
    }

    private long AddEntry(int clientId, BalanceEntryKind kind, long amount, long balance, DateTimeOffset at,
        string? reason = null, int? invoiceId = null, int? requestId = null, int? paymentId = null)
    {
        var after = balance + amount;
        _batch[BulkTables.BalanceEntries].Add([++_entryId, kind.ToString(), amount, after, reason, at, invoiceId, requestId, paymentId, clientId]);
        return after;
    }

    private void AddAllocation(int invoiceId, long amount, AllocationSource source, int? paymentId, int? entryId, DateTimeOffset at) =>
        _batch[BulkTables.Allocations].Add([++_allocationId, amount, source.ToString(), paymentId, entryId, at, null, invoiceId]);
}
