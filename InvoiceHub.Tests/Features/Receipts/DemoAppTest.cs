using System.Net.Http.Headers;
using InvoiceHub.Domain;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using Microsoft.Extensions.DependencyInjection;
using PaymentMethod = InvoiceHub.Domain.Payments.PaymentMethod;

namespace InvoiceHub.Tests.Features.Receipts;

/// <summary>
/// A receipt or statement test: its own demo-seeded app (with Automatically mark Invoices paid off, since the demo clients
/// hold credit that would otherwise pay a new invoice at once), the app's handlers, cash payments and an API client with
/// the demo Admin key.
/// </summary>
public abstract class DemoAppTest : IAsyncLifetime
{
    protected InvoiceHubFactory App { get; private set; } = null!;

    protected ScreenData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true });
        Data = new ScreenData(App);
        await Data.SetAutoMarkPaidAsync(false);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    protected T Handler<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Records cash for an invoice through the staff handler; returns the payment's id.</summary>
    protected async Task<int> PayAsync(int invoiceId, string amount) =>
        (await Handler<RecordInvoicePayment>().HandleAsync(new OfflinePaymentCommand(invoiceId, Money.Parse(amount, Currency.EUR), PaymentMethod.Cash, null, null))).Payment.Id;

    protected HttpClient ApiClient()
    {
        var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ih_dev_key");
        return api;
    }
}
