using InvoiceHub.Domain;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>Arranges clients, invoices and settings for screen tests through the app's own handlers.</summary>
public sealed class ScreenData(InvoiceHubFactory app)
{
    public async Task<int> CreateClientAsync(string name, string? email = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var client = await scope.ServiceProvider.GetRequiredService<CreateClient>()
            .HandleAsync(new CreateClientCommand(name, email ?? $"{Guid.NewGuid():N}@example.test"));
        return client.Id;
    }

    public async Task<int> DraftAsync(int clientId, params (string Description, decimal Quantity, string UnitPrice, decimal TaxRate)[] lines)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var draft = await scope.ServiceProvider.GetRequiredService<CreateDraftInvoice>().HandleAsync(new CreateDraftInvoiceCommand(
            clientId,
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14),
            lines.Select(l => new DraftLine(l.Description, l.Quantity, Money.Parse(l.UnitPrice, Currency.EUR), l.TaxRate)).ToList()));
        return draft.Id;
    }

    public async Task<InvoiceView> IssueAsync(int invoiceId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IssueInvoice>().HandleAsync(invoiceId);
    }

    public async Task<InvoiceView> OpenInvoiceAsync(int clientId, string amount)
    {
        var id = await DraftAsync(clientId, ("Tutoring", 1m, amount, 0m));
        return await IssueAsync(id);
    }

    public async Task AdjustBalanceAsync(int clientId, string amount)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdjustClientBalance>().HandleAsync(clientId, Money.Parse(amount, Currency.EUR), "Test credit");
    }

    public async Task SetAutoMarkPaidAsync(bool on)
    {
        var settings = app.Services.GetRequiredService<SettingsService>();
        settings.Invalidate();
        var current = await settings.GetAsync();
        await settings.UpdateAsync(current with { AutomaticallyMarkInvoicesPaid = on }, "test");
    }

    public async Task<InvoiceView> InvoiceAsync(int invoiceId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GetInvoice>().HandleAsync(invoiceId);
    }

    public async Task<Money> BalanceAsync(int clientId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<GetClient>().HandleAsync(clientId)).Balance;
    }
}
