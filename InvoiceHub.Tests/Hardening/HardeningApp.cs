using System.Net.Http.Headers;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Hardening;

/// <summary>The documents of one client that the access tests address by id, and what must never leak to the other client.</summary>
public sealed record ClientWorld(int ClientId, string Name, int InvoiceId, string InvoiceNumber, string TotalText, int CreditRequestId, int PaymentId, string PayToken, int MailId, int PaidPaymentId, int CreditNoteId);

/// <summary>
/// InvoiceHub with demo data and the Mollie simulator, plus a second client with its own sign-in, documents with
/// distinctive names and amounts for both clients, an API key per role and a signed-in HttpClient per person.
/// </summary>
public sealed class HardeningApp : IAsyncDisposable
{
    public const string ClientBEmail = "bartholomew@hardening.test";
    public const string ClientBName = "Bartholomew Quillfeather";

    private readonly List<HttpClient> _clients = [];

    private HardeningApp(PaymentsTestApp payments) => Payments = payments;

    public PaymentsTestApp Payments { get; }

    public InvoiceHubFactory App => Payments.App;

    public ClientWorld A { get; private set; } = null!;

    public ClientWorld B { get; private set; } = null!;

    /// <summary>
    /// Callers by name: anonymous, client-a, client-b, finance, admin (cookies) and key-admin, key-finance, key-client
    /// (bearer). Empty on a real port, where browsers sign in instead.
    /// </summary>
    public IReadOnlyDictionary<string, HttpClient> Callers { get; private set; } = new Dictionary<string, HttpClient>();

    /// <param name="kestrel">A real port, so that the simulator's webhooks reach the app; cookie sign-in works on the in-memory server.</param>
    public static async Task<HardeningApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        var payments = await PaymentsTestApp.StartAsync(seedDemoData: true, settings: settings, kestrel: kestrel);
        var app = new HardeningApp(payments);
        try
        {
            await app.ArrangeAsync(signInCallers: !kestrel);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private async Task ArrangeAsync(bool signInCallers)
    {
        var clientA = await Payments.ClientIdOfAsync(DemoUsers.Client);
        var clientB = await CreateClientWithSignInAsync(ClientBName, ClientBEmail);
        A = await WorldOfAsync(clientA, 43_219);
        B = await WorldOfAsync(clientB, 98_765);
        if (!signInCallers)
        {
            return;
        }

        var callers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = NewHttpClient(),
            ["client-a"] = await SignedInAsync(DemoUsers.Client),
            ["client-b"] = await SignedInAsync(ClientBEmail),
            ["finance"] = await SignedInAsync(DemoUsers.Finance),
            ["admin"] = await SignedInAsync(DemoUsers.Admin),
            ["key-admin"] = await WithKeyAsync(Roles.Admin),
            ["key-finance"] = await WithKeyAsync(Roles.Finance),
            ["key-client"] = await WithKeyAsync(Roles.Client),
        };
        Callers = callers;
    }

    private async Task<int> CreateClientWithSignInAsync(string name, string email)
    {
        int clientId;
        await using (var db = App.CreateDbContext())
        {
            var client = Client.Create(name, email, Currency.EUR, DateTimeOffset.UtcNow);
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            clientId = client.Id;
        }

        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, ClientId = clientId };
        Assert.True((await users.CreateAsync(user, DemoUsers.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Client)).Succeeded);
        return clientId;
    }

    /// <summary>An open invoice of a distinctive amount, an open credit request and a started Mollie payment for the client.</summary>
    private async Task<ClientWorld> WorldOfAsync(int clientId, long totalMinor)
    {
        var (_, invoiceId) = await Payments.CreateOpenInvoiceAsync(totalMinor, clientId);
        var number = await Payments.InvoiceNumberOfAsync(invoiceId);
        var started = await Payments.StartInvoicePaymentAsync(invoiceId);
        int requestId;
        string name;
        await using (var db = App.CreateDbContext())
        {
            var client = db.Clients.Single(c => c.Id == clientId);
            name = client.Name;
            var request = CreditRequest.Create(client, new Money(totalMinor + 11, Currency.EUR), "Top-up " + name, null, DateTimeOffset.UtcNow);
            db.CreditRequests.Add(request);
            await db.SaveChangesAsync();
            requestId = request.Id;
        }

        await using var scope = App.Services.CreateAsyncScope();
        var url = await scope.ServiceProvider.GetRequiredService<InvoiceHub.Web.Features.PaymentLinks.PaymentLinks>()
            .CreateSavedAsync(PayableKind.Invoice, invoiceId, App.BaseAddress);
        var token = url[(url.LastIndexOf('/') + 1)..];
        var total = (totalMinor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        // The invoice emailed (Send & Print), so the mailbox holds a message with the PDF attached.
        await scope.ServiceProvider.GetRequiredService<InvoiceHub.Web.Features.Invoices.SendInvoice>().HandleAsync(invoiceId, App.BaseAddress);
        int mailId;
        await using (var db = App.CreateDbContext())
        {
            mailId = db.Outbox.Where(m => m.InvoiceId == invoiceId && m.AttachmentName != null).Select(m => m.Id).Single();
        }
        // A second invoice paid in cash: a settled payment, whose receipt is the client's to download.
        var (_, paidInvoiceId) = await Payments.CreateOpenInvoiceAsync(totalMinor + 22, clientId);
        await Payments.PayOfflineAsync(paidInvoiceId);
        int paidPaymentId;
        await using (var db = App.CreateDbContext())
        {
            paidPaymentId = db.Payments.Where(p => p.InvoiceId == paidInvoiceId && p.RecordedAt != null).Select(p => p.Id).Single();
        }
        // A third invoice, credited in full: the world's credit note.
        var (_, creditedId) = await Payments.CreateOpenInvoiceAsync(500, clientId);
        var credited = await scope.ServiceProvider.GetRequiredService<InvoiceHub.Web.Features.CreditNotes.IssueCreditNote>().HandleAsync(
            new InvoiceHub.Web.Features.CreditNotes.CreditNoteCommand(creditedId, null, null, InvoiceHub.Domain.CreditNotes.PaidMoneyDestination.Balance, "Hardening", "test"));
        return new ClientWorld(clientId, name, invoiceId, number, total, requestId, started.PaymentId, token, mailId, paidPaymentId, credited.CreditNote.Id);
    }

    public HttpClient NewHttpClient()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = App.BaseAddress });
        _clients.Add(client);
        return client;
    }

    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = NewHttpClient();
        using var response = await SsrForm.SignInAsync(client, email, DemoUsers.Password);
        var page = await response.Content.ReadAsStringAsync();
        var reason = string.Join(" / ", System.Text.RegularExpressions.Regex.Matches(page, "(sign-in-error|validation-message)[^>]*>[^<]*").Select(m => m.Value));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"sign-in of {email} answered {(int)response.StatusCode}: {reason}");
        return client;
    }

    public async Task<HttpClient> WithKeyAsync(string role)
    {
        var key = ApiKeys.Generate();
        await using (var db = App.CreateDbContext())
        {
            db.ApiKeys.Add(new ApiKey($"hardening {role}", ApiKeys.Hash(key), ApiKeys.DisplayPrefix(key), role, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var client = NewHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>How the documents' money stands: the figures that must not move when a request is refused.</summary>
    public async Task<string> MoneySnapshotAsync()
    {
        await using var db = App.CreateDbContext();
        return string.Join('|',
            db.Clients.Count(), db.Invoices.Count(), db.CreditRequests.Count(), db.Payments.Count(),
            db.Invoices.AsEnumerable().Sum(i => i.TotalMinor + (i.TotalMinor - i.StillToPayMinor) * 7 + (int)i.Status),
            db.Clients.AsEnumerable().Sum(c => c.BalanceMinor),
            db.Payments.AsEnumerable().Sum(p => p.AmountMinor * 3 + (int)p.Status));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await Payments.DisposeAsync();
    }
}
