using Bogus;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Infrastructure.DemoData;

/// <summary>
/// Development's living business: the demo users and API key of SPEC.md and, on first run, Bogus-generated
/// clients, invoices in every state, credit requests, payments and balances. The same seed gives the same
/// business (dates are relative to today).
/// </summary>
public static class DemoDataSeeder
{
    public const int Seed = 2026;

    private static readonly string[] Services =
    [
        "Maths tutoring, 60 min", "English tutoring, 60 min", "Exam preparation session", "Physics tutoring, 90 min",
        "Study skills workshop", "Chemistry tutoring, 60 min", "Essay feedback", "Group lesson (4 pupils)",
        "Consultation", "Progress report", "Online lesson, 45 min", "Materials and workbook",
    ];

    public static async Task SeedAsync(IServiceProvider services, DemoDataOptions options)
    {
        var identity = services.GetRequiredService<IdentitySeeder>();
        await identity.EnsureUserAsync(DemoDataOptions.AdminEmail, "Ada Admin", Roles.Admin, null, DemoDataOptions.Password);
        await identity.EnsureUserAsync(DemoDataOptions.FinanceEmail, "Finn Finance", Roles.Finance, null, DemoDataOptions.Password);
        await identity.EnsureApiKeyAsync("Development key", DemoDataOptions.ApiKey, Roles.Admin);

        var dbFactory = services.GetRequiredService<IDbContextFactory<InvoiceHubDbContext>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoDataSeeder));

        await using var db = await dbFactory.CreateDbContextAsync();
        var demoClient = await db.Clients.SingleOrDefaultAsync(c => c.Email == DemoDataOptions.ClientEmail);
        if (demoClient is null)
        {
            var started = clock.GetTimestamp();
            demoClient = await GenerateBusinessAsync(db, Math.Max(options.Clients, 1), clock.GetUtcNow());
            await EnableOnlinePaymentAsync(services);
            logger.LogInformation("Generated demo business with {Clients} clients in {Elapsed} ms", options.Clients,
                (int)clock.GetElapsedTime(started).TotalMilliseconds);
        }
        await identity.EnsureUserAsync(DemoDataOptions.ClientEmail, demoClient.Name, Roles.Client, demoClient.Id, DemoDataOptions.Password);
    }

    /// <summary>SPEC.md: Development runs with Online Invoice Payment on.</summary>
    private static async Task EnableOnlinePaymentAsync(IServiceProvider services)
    {
        var settings = services.GetRequiredService<SettingsService>();
        var current = await settings.GetAsync();
        await settings.UpdateAsync(current with { OnlineInvoicePayment = true }, "demo data");
    }

    private static async Task<Client> GenerateBusinessAsync(InvoiceHubDbContext db, int clientCount, DateTimeOffset now)
    {
        var faker = new Faker("en") { Random = new Randomizer(Seed) };
        var eur = Currency.EUR;

        // The demo client first, so the portal user always has documents to look at.
        var clients = new List<Client> { Client.Create("Cleo Client", DemoDataOptions.ClientEmail, eur, now.AddDays(-400)) };
        for (var i = 1; i < clientCount; i++)
        {
            var person = new Person("en", Seed + i);
            var name = faker.Random.Bool(0.3f) ? faker.Company.CompanyName() : person.FullName;
            clients.Add(Client.Create(name, $"{person.UserName.ToLowerInvariant()}{i}@example.test", eur, now.AddDays(-faker.Random.Int(30, 700))));
        }
        // Billing addresses from a generator of their own, so the rest of the business stays as it always was.
        var addresses = new Faker("en") { Random = new Randomizer(Seed + 1) };
        foreach (var client in clients)
        {
            var address = addresses.Address;
            client.SetBillingDetails($"{address.StreetAddress()}\n{address.ZipCode()} {address.City()}", addresses.Random.Bool(0.3f) ? $"NL{addresses.Random.Number(100_000_000, 999_999_999)}B01" : "");
        }
        db.Clients.AddRange(clients);
        await db.SaveChangesAsync();

        // Some clients start with a prepaid balance.
        foreach (var client in clients.Where((_, i) => i == 0 || faker.Random.Bool(0.35f)))
        {
            client.AdjustBalance(new Money(faker.Random.Int(4, 40) * 1000, eur), "Opening balance carried over", now.AddDays(-200));
        }

        // Invoices are issued in date order so their numbers follow the calendar.
        var plans = clients.SelectMany(c => Enumerable.Range(0, c == clients[0] ? 6 : faker.Random.Int(1, 7))
                .Select(_ => (Client: c, IssuedDaysAgo: faker.Random.Int(0, 150))))
            .OrderByDescending(p => p.IssuedDaysAgo)
            .ToList();

        var openByClient = new Dictionary<Client, List<Invoice>>();
        foreach (var (client, daysAgo) in plans)
        {
            var issuedAt = now.AddDays(-daysAgo);
            var issuedOn = DateOnly.FromDateTime(issuedAt.UtcDateTime);
            var invoice = Invoice.CreateDraft(client, issuedOn.AddDays(faker.PickRandom(14, 30)), issuedAt);
            foreach (var _ in Enumerable.Range(0, faker.Random.Int(1, 4)))
            {
                invoice.AddLine(faker.PickRandom(Services), faker.Random.Int(1, 8), faker.Random.Int(35, 95) * 100, faker.PickRandom(0m, 9m, 21m));
            }
            db.Invoices.Add(invoice);

            var fate = faker.Random.Int(0, 99);
            if (fate < 8)
            {
                continue; // stays a Draft
            }
            invoice.Issue(await InvoiceNumbering.NextAsync(db, issuedOn.Year, CancellationToken.None), issuedOn, issuedAt);
            CreditRules.ApplyOnIssue(client, invoice, autoMarkPaid: client == clients[0] || fate % 3 == 0, issuedAt);

            var others = openByClient.TryGetValue(client, out var list) ? list : openByClient[client] = [];
            if (invoice.Status != InvoiceStatus.Open)
            {
                continue;
            }
            if (fate < 14)
            {
                CreditRules.Void(client, invoice, issuedAt.AddDays(2), "Raised in error");
            }
            else if (fate < 55 && daysAgo > 5)
            {
                var receivedAt = issuedAt.AddDays(faker.Random.Int(1, Math.Min(daysAgo, 40)));
                var full = fate < 47;
                var amount = full ? invoice.StillToPay : new Money(invoice.StillToPayMinor / 2, eur);
                var method = faker.PickRandom(PaymentMethod.BankTransfer, PaymentMethod.Cash, PaymentMethod.Cheque);
                var payment = Payment.RecordOffline(client, amount, method, DateOnly.FromDateTime(receivedAt.UtcDateTime), receivedAt,
                    $"REF-{faker.Random.AlphaNumeric(8).ToUpperInvariant()}", forInvoice: invoice);
                db.Payments.Add(payment);
                CreditRules.RecordPayment(client, invoice, payment, autoMarkPaid: false, [], receivedAt);
            }
            if (invoice.Status == InvoiceStatus.Open)
            {
                others.Add(invoice);
            }
        }

        // Credit requests: open ones to pay, paid ones that topped balances up, a cancelled one.
        foreach (var client in clients.Where((_, i) => i == 0 || faker.Random.Bool(0.4f)))
        {
            var createdAt = now.AddDays(-faker.Random.Int(1, 60));
            var request = CreditRequest.Create(client, new Money(faker.PickRandom(100, 250, 500) * 100, eur),
                "Prepaid lessons top-up", DateOnly.FromDateTime(createdAt.UtcDateTime).AddDays(14), createdAt);
            db.CreditRequests.Add(request);
            // Saved first: a new request and its new payment would reference each other.
            await db.SaveChangesAsync();
            var fate = faker.Random.Int(0, 9);
            if (fate < 3 && client != clients[0])
            {
                var paidAt = createdAt.AddDays(1);
                var payment = Payment.RecordOffline(client, request.Amount, PaymentMethod.BankTransfer, DateOnly.FromDateTime(paidAt.UtcDateTime), paidAt,
                    "Top-up transfer", forCreditRequest: request);
                db.Payments.Add(payment);
                CreditRules.RecordCreditRequestPayment(client, request, payment, autoMarkPaid: false, [], paidAt);
            }
            else if (fate == 3 && client != clients[0])
            {
                request.Cancel(createdAt.AddDays(3));
            }
        }

        await db.SaveChangesAsync();
        return clients[0];
    }
}
