using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.CreditRequests;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Portal;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Portal;

/// <summary>The client dashboard's one query returns exactly the client's own open documents and latest paid ones, on both providers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PortalQueriesTests(PostgresServer postgres)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public Task Dashboard_lists_own_open_documents_by_due_date_and_the_latest_paid_on_SQLite() => DashboardAsync(DatabaseProvider.Sqlite);

    [RequiresPostgresFact]
    public Task Dashboard_lists_own_open_documents_by_due_date_and_the_latest_paid_on_PostgreSQL() => DashboardAsync(DatabaseProvider.Postgres);

    [SqlServerFact]
    public Task Dashboard_lists_own_open_documents_by_due_date_and_the_latest_paid_on_SQL_Server() => DashboardAsync(DatabaseProvider.SqlServer);

    [Fact]
    public Task Dashboard_marks_bank_transfers_and_direct_debits_under_way_as_pending_on_SQLite() => PendingAsync(DatabaseProvider.Sqlite);

    [RequiresPostgresFact]
    public Task Dashboard_marks_bank_transfers_and_direct_debits_under_way_as_pending_on_PostgreSQL() => PendingAsync(DatabaseProvider.Postgres);

    [SqlServerFact]
    public Task Dashboard_marks_bank_transfers_and_direct_debits_under_way_as_pending_on_SQL_Server() => PendingAsync(DatabaseProvider.SqlServer);

    [Fact]
    public async Task Dashboard_of_an_unknown_client_is_null()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        Assert.Null(await app.Services.GetRequiredService<PortalQueries>().DashboardAsync(4242));
    }

    private async Task DashboardAsync(DatabaseProvider provider)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Provider = provider, Postgres = postgres });
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var client = (await services.GetRequiredService<CreateClient>().HandleAsync(new CreateClientCommand("Cleo Client", "cleo@example.test"))).Id;
        var other = (await services.GetRequiredService<CreateClient>().HandleAsync(new CreateClientCommand("Otto Other", "otto@example.test"))).Id;
        await services.GetRequiredService<AdjustClientBalance>().HandleAsync(client, Eur(500), "Opening balance");

        async Task<(int Id, string Number)> IssueAsync(int clientId, DateOnly due, long minor)
        {
            var draft = await services.GetRequiredService<CreateDraftInvoice>().HandleAsync(new CreateDraftInvoiceCommand(
                clientId, due, [new DraftLine("Tutoring", 1, Eur(minor), 0)]));
            var issued = await services.GetRequiredService<IssueInvoice>().HandleAsync(draft.Id);
            return (issued.Id, issued.Number!);
        }

        var paidInvoices = new List<string>();
        for (var i = 0; i < PortalQueries.PaidHistoryRows + 2; i++)
        {
            var (id, number) = await IssueAsync(client, Today.AddDays(i), 1000 + i);
            await services.GetRequiredService<RecordInvoicePayment>().HandleAsync(new OfflinePaymentCommand(id, Eur(1000 + i), PaymentMethod.Cash, null, null));
            paidInvoices.Add(number);
        }
        var later = await IssueAsync(client, Today.AddDays(30), 7000);
        var overdue = await IssueAsync(client, Today.AddDays(-3), 9000);
        await services.GetRequiredService<RecordInvoicePayment>().HandleAsync(new OfflinePaymentCommand(overdue.Id, Eur(2500), PaymentMethod.Cash, null, null));
        var request = await services.GetRequiredService<CreateCreditRequest>().HandleAsync(new CreateCreditRequestCommand(client, Eur(20000), "Top-up", Today.AddDays(10)));
        var paidRequest = await services.GetRequiredService<CreateCreditRequest>().HandleAsync(new CreateCreditRequestCommand(client, Eur(3000), "Top-up"));
        await services.GetRequiredService<RecordCreditRequestPayment>().HandleAsync(new OfflinePaymentCommand(paidRequest.Id, Eur(3000), PaymentMethod.Cash, null, null));
        await IssueAsync(other, Today.AddDays(-1), 4000);

        var dashboard = await app.Services.GetRequiredService<PortalQueries>().DashboardAsync(client);

        Assert.NotNull(dashboard);
        Assert.Equal("Cleo Client", dashboard.ClientName);
        Assert.Equal("EUR", dashboard.Currency);
        Assert.Equal(3500, dashboard.BalanceMinor);
        Assert.Equal(
            [(PayableKind.Invoice, overdue.Number, Today.AddDays(-3), 9000L, 6500L), (PayableKind.CreditRequest, "CR-" + request.Id, Today.AddDays(10), 20000L, 20000L), (PayableKind.Invoice, later.Number, Today.AddDays(30), 7000L, 7000L)],
            dashboard.Unpaid.Select(d => (d.Kind, d.Number, d.DueDate!.Value, d.TotalMinor, d.StillToPayMinor)));
        Assert.Equal(PortalQueries.PaidHistoryRows, dashboard.Paid.Count);
        Assert.Contains(dashboard.Paid, d => d is { Kind: PayableKind.CreditRequest, TotalMinor: 3000 } && d.Number == "CR-" + paidRequest.Id && d.PaidAt is not null);
        Assert.All(dashboard.Paid.Where(d => d.Kind == PayableKind.Invoice), d => Assert.Contains(d.Number, paidInvoices));
        Assert.Contains(paidInvoices[^1], dashboard.Paid.Select(d => d.Number));
        Assert.DoesNotContain(paidInvoices[0], dashboard.Paid.Select(d => d.Number));
    }

    private async Task PendingAsync(DatabaseProvider provider)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Provider = provider, Postgres = postgres });
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var client = (await services.GetRequiredService<CreateClient>().HandleAsync(new CreateClientCommand("Cleo Client", "cleo@example.test"))).Id;
        var other = (await services.GetRequiredService<CreateClient>().HandleAsync(new CreateClientCommand("Otto Other", "otto@example.test"))).Id;

        async Task<int> IssueAsync(int clientId, long minor)
        {
            var draft = await services.GetRequiredService<CreateDraftInvoice>().HandleAsync(new CreateDraftInvoiceCommand(
                clientId, Today.AddDays(14), [new DraftLine("Tutoring", 1, Eur(minor), 0)]));
            return (await services.GetRequiredService<IssueInvoice>().HandleAsync(draft.Id)).Id;
        }

        var local = app.Services.GetRequiredService<LocalPayments>();
        Task<LocalDraft> StartAsync(PayableKind kind, int id, PaymentMethod method) =>
            local.CreateAsync(kind, id, method, PaymentInitiator.Client, amount: null, amountProblem: null, CancellationToken.None);

        var transfer = await IssueAsync(client, 4_000);
        var transferStarted = DateTimeOffset.UtcNow;
        await StartAsync(PayableKind.Invoice, transfer, PaymentMethod.BankTransfer);
        var atCheckout = await IssueAsync(client, 2_000);
        await StartAsync(PayableKind.Invoice, atCheckout, PaymentMethod.Card);
        var debited = await IssueAsync(client, 1_000);
        var request = await services.GetRequiredService<CreateCreditRequest>().HandleAsync(new CreateCreditRequestCommand(client, Eur(3_000), "Top-up"));
        await local.CreateForSeveralAsync(client, [(PayableKind.Invoice, debited), (PayableKind.CreditRequest, request.Id)], PaymentMethod.DirectDebit, PaymentInitiator.Client, CancellationToken.None);
        var untouched = await IssueAsync(client, 500);
        var othersTransfer = await IssueAsync(other, 900);
        await StartAsync(PayableKind.Invoice, othersTransfer, PaymentMethod.BankTransfer);

        var dashboard = await app.Services.GetRequiredService<PortalQueries>().DashboardAsync(client);

        Assert.NotNull(dashboard);
        var pending = dashboard.Unpaid.Where(d => d.Pending is not null).ToDictionary(d => (d.Kind, d.Id), d => d.Pending!);
        Assert.Equal([(PayableKind.Invoice, transfer), (PayableKind.Invoice, debited), (PayableKind.CreditRequest, request.Id)], pending.Keys.Order());
        Assert.Equal((4_000L, "EUR"), (pending[(PayableKind.Invoice, transfer)].AmountMinor, pending[(PayableKind.Invoice, transfer)].Currency));
        Assert.InRange(pending[(PayableKind.Invoice, transfer)].Since, transferStarted.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.Equal(4_000L, pending[(PayableKind.CreditRequest, request.Id)].AmountMinor);
        Assert.Contains(dashboard.Unpaid, d => d.Id == atCheckout && d.Pending is null);
        Assert.Contains(dashboard.Unpaid, d => d.Id == untouched && d.Pending is null);
        Assert.Equal(4, dashboard.Unpaid.Count(d => d.Kind == PayableKind.Invoice));

        // The document pages read the same query alone.
        var alone = await app.Services.GetRequiredService<PendingPayments>().OfClientAsync(client);
        Assert.Equal(pending.OrderBy(p => p.Key), alone.OrderBy(p => p.Key));
        Assert.NotNull(await app.Services.GetRequiredService<PendingPayments>().OfDocumentAsync(PayableKind.Invoice, othersTransfer, other));
        Assert.Null(await app.Services.GetRequiredService<PendingPayments>().OfDocumentAsync(PayableKind.Invoice, othersTransfer, client));
    }

    private static Money Eur(long minor) => new(minor, Currency.EUR);
}
