using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.CreditNotes;
using InvoiceHub.Web.Features.CreditRequests;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Features.Statements;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InvoiceHub.Tests.Features.Statements;

/// <summary>
/// Statements over random histories made through the real handlers, days apart on a test clock: after every step the
/// statement adds up (opening + charges − credits = closing), its closing is what the open invoices still ask for less the
/// client's balance (read from the database), and afterwards the statement ending on each past day says what was due then.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StatementPropertyTests(ITestOutputHelper output, PostgresServer postgres)
{
    private static readonly Currency Eur = Currency.EUR;

    [Theory]
    [InlineData(17, true)]
    [InlineData(4242, false)]
    [InlineData(90210, true)]
    public Task Opening_plus_movements_is_closing_and_closing_is_what_is_open_less_the_balance(int seed, bool autoMarkPaid) =>
        RandomHistoryAsync(seed, autoMarkPaid, null);

    [RequiresPostgresFact]
    public Task Opening_plus_movements_is_closing_and_closing_is_what_is_open_less_the_balance_on_PostgreSQL() =>
        RandomHistoryAsync(2718, true, postgres);

    private async Task RandomHistoryAsync(int seed, bool autoMarkPaid, PostgresServer? server)
    {
        var clock = new TestClock(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions
        {
            Provider = server is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres,
            Postgres = server,
            Services = s => s.AddSingleton<TimeProvider>(clock),
        });
        var settings = app.Services.GetRequiredService<SettingsService>();
        await settings.UpdateAsync((await settings.GetAsync()) with { AutomaticallyMarkInvoicesPaid = autoMarkPaid }, "test");
        var history = new History(app, new Random(seed));
        var clientId = (await Get<CreateClient>(app).HandleAsync(new CreateClientCommand("Hana History", $"hana-{seed}@example.test"))).Id;
        var dueOnDay = new SortedDictionary<DateOnly, long>();

        for (var step = 0; step < 24; step++)
        {
            var what = await history.StepAsync(clientId);
            output.WriteLine($"{clock.GetUtcNow():yyyy-MM-dd HH:mm} {what}");
            var statement = (await Get<ClientStatements>(app).BuildAsync(clientId, clock.Today.AddDays(-history.Random.Next(0, 60)), clock.Today))!;
            var due = await DueNowAsync(app, clientId);
            AssertAddsUp(statement);
            Assert.Equal(due, statement.ClosingMinor);
            dueOnDay[clock.Today] = due;
            clock.Advance(TimeSpan.FromHours(history.Random.Next(1, 240)));
        }

        foreach (var (day, due) in dueOnDay)
        {
            var past = (await Get<ClientStatements>(app).BuildAsync(clientId, day.AddDays(-history.Random.Next(0, 90)), day))!;
            AssertAddsUp(past);
            Assert.True(due == past.ClosingMinor, $"On {day:yyyy-MM-dd} {due} was due; the statement ending then says {past.ClosingMinor}.");
        }
    }

    private static void AssertAddsUp(ClientStatement statement)
    {
        Assert.Equal(statement.ClosingMinor, statement.OpeningMinor + statement.ChargesMinor - statement.CreditsMinor);
        Assert.Equal(statement.ClosingMinor, statement.Aging.Total - statement.CreditOnAccountMinor);
        Assert.Equal(statement.ClosingMinor, statement.Lines.Count == 0 ? statement.OpeningMinor : statement.Lines[^1].BalanceMinor);
    }

    /// <summary>SPEC's open amounts, read straight from the tables: still to pay of the Open invoices less the client's balance.</summary>
    private static async Task<long> DueNowAsync(InvoiceHubFactory app, int clientId)
    {
        await using var db = app.CreateDbContext();
        var open = db.Invoices.Where(i => i.ClientId == clientId && i.Status == InvoiceStatus.Open).AsEnumerable().Sum(i => i.StillToPay.Minor);
        return open - db.Clients.Single(c => c.Id == clientId).BalanceMinor;
    }

    private static T Get<T>(InvoiceHubFactory app) where T : notnull => app.Services.GetRequiredService<T>();

    /// <summary>One random step through a handler; a step the rules refuse (nothing to pay, no balance) changes nothing.</summary>
    private sealed class History(InvoiceHubFactory app, Random random)
    {
        public Random Random => random;

        public async Task<string> StepAsync(int clientId)
        {
            try
            {
                return await (random.Next(11) switch
                {
                    8 or 9 => CreditNoteAsync(clientId),
                    0 or 1 => IssueAsync(clientId),
                    2 or 3 => PayInvoiceAsync(clientId),
                    4 => CreditRequestAsync(clientId),
                    5 => AdjustAsync(clientId),
                    6 => PayFromCreditAsync(clientId),
                    7 => VoidAsync(clientId),
                    _ => RefundToBalanceAsync(clientId),
                });
            }
            catch (DomainException refused)
            {
                return $"refused: {refused.Message}";
            }
        }

        private Money Amount(int min, int max) => new(random.Next(min, max) * 50L, Eur);

        private async Task<string> IssueAsync(int clientId)
        {
            var draft = await Get<CreateDraftInvoice>(app).HandleAsync(new CreateDraftInvoiceCommand(clientId,
                DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(random.Next(0, 30)),
                [new DraftLine("Lessons", random.Next(1, 4), Amount(10, 200), random.Next(2) == 0 ? 0m : 21m)]));
            var issued = await Get<IssueInvoice>(app).HandleAsync(draft.Id);
            return $"issued {issued.Number} for {issued.Total}";
        }

        private async Task<string> PayInvoiceAsync(int clientId)
        {
            var invoice = await PickAsync(clientId, InvoiceStatus.Open);
            if (invoice is null)
            {
                return "no open invoice to pay";
            }
            var amount = new Money(Math.Max(1, invoice.StillToPay.Minor * random.Next(30, 130) / 100), Eur);
            await Get<RecordInvoicePayment>(app).HandleAsync(new OfflinePaymentCommand(invoice.Id, amount, PaymentMethod.BankTransfer, "transfer", null));
            return $"paid {amount} on {invoice.Number}";
        }

        private async Task<string> CreditRequestAsync(int clientId)
        {
            var request = await Get<CreateCreditRequest>(app).HandleAsync(new CreateCreditRequestCommand(clientId, Amount(10, 100), "Top-up"));
            if (random.Next(3) == 0)
            {
                await Get<CancelCreditRequest>(app).HandleAsync(request.Id);
                return $"asked for and cancelled {request.Amount}";
            }
            await Get<RecordCreditRequestPayment>(app).HandleAsync(new OfflinePaymentCommand(request.Id, request.Amount, PaymentMethod.Cash, null, null));
            return $"credit request of {request.Amount} paid";
        }

        private async Task<string> AdjustAsync(int clientId)
        {
            var amount = random.Next(3) == 0 ? -Amount(1, 20) : Amount(1, 60);
            await Get<AdjustClientBalance>(app).HandleAsync(clientId, amount, "Goodwill");
            return $"balance adjusted by {amount}";
        }

        private async Task<string> PayFromCreditAsync(int clientId)
        {
            var invoice = await PickAsync(clientId, InvoiceStatus.Open);
            if (invoice is null)
            {
                return "no open invoice to pay from credit";
            }
            await Get<PayInvoiceFromCredit>(app).HandleAsync(invoice.Id, null);
            return $"paid {invoice.Number} from credit";
        }

        private async Task<string> VoidAsync(int clientId)
        {
            var invoice = await PickAsync(clientId, random.Next(2) == 0 ? InvoiceStatus.Open : InvoiceStatus.Paid);
            if (invoice is null)
            {
                return "nothing to void";
            }
            await Get<VoidInvoice>(app).HandleAsync(invoice.Id, "Issued in error");
            return $"voided {invoice.Number}";
        }

        private async Task<string> RefundToBalanceAsync(int clientId)
        {
            int[] paymentIds;
            await using (var db = app.CreateDbContext())
            {
                paymentIds = db.Payments.Where(p => p.ClientId == clientId && p.RecordedAt != null).Select(p => p.Id).ToArray();
            }
            if (paymentIds.Length == 0)
            {
                return "no payment to refund";
            }
            var paymentId = paymentIds[random.Next(paymentIds.Length)];
            var refundable = await Get<PaymentRefunds>(app).RefundableAsync(paymentId);
            if (!refundable.ToBalance.IsPositive)
            {
                return "nothing refundable";
            }
            var amount = new Money(Math.Max(1, refundable.ToBalance.Minor / random.Next(1, 4)), Eur);
            var credit = random.Next(2) == 0;
            await Get<PaymentRefunds>(app).RefundAsync(new RefundCommand(paymentId, amount, RefundDestination.Balance, "Lesson cancelled", "test", CreditInvoices: credit));
            return $"refunded {amount} of payment {paymentId} to the balance{(credit ? ", crediting its invoices" : "")}";
        }

        /// <summary>A credit note for part (or all) of an Open or Paid invoice; what was paid beyond what it then owes goes to the balance.</summary>
        private async Task<string> CreditNoteAsync(int clientId)
        {
            var invoice = await PickAsync(clientId, random.Next(2) == 0 ? InvoiceStatus.Open : InvoiceStatus.Paid);
            if (invoice is null || invoice.CreditableMinor <= 0)
            {
                return "nothing to credit";
            }
            var amount = random.Next(4) == 0 ? invoice.CreditableMinor : Math.Max(1, invoice.CreditableMinor * random.Next(5, 95) / 100);
            var issued = await Get<IssueCreditNote>(app).HandleAsync(new CreditNoteCommand(
                invoice.Id, null, amount, PaidMoneyDestination.Balance, "Lesson cancelled", "test"));
            return $"credit note {issued.CreditNote.Number} of {issued.CreditNote.Total} on {invoice.Number}";
        }

        private async Task<Invoice?> PickAsync(int clientId, InvoiceStatus status)
        {
            await using var db = app.CreateDbContext();
            var invoices = db.Invoices.Where(i => i.ClientId == clientId && i.Status == status).ToList();
            return invoices.Count == 0 ? null : invoices[random.Next(invoices.Count)];
        }
    }
}
