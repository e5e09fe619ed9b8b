using System.Net;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Features.Api;
using InvoiceHub.Web.Features.Invoices;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>Voiding has no API call yet (staff screens will use it); the handler is exercised directly.</summary>
public sealed class VoidInvoiceTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Void_credits_the_issued_invoice_in_full_returns_payments_and_credit_to_the_balance_and_keeps_the_allocations_marked_voided()
    {
        await app.SetAutoMarkPaidAsync(true);
        var clientId = await app.CreateClientAsync();
        await app.AdjustBalanceAsync(clientId, "15.00");
        var id = await app.OpenInvoiceAsync(clientId, "50.00");
        await app.PostAsync($"/api/v1/invoices/{id}/payments", new { amount = ApiApp.Eur("20.00"), method = "cash", reference = "desk" }, HttpStatusCode.Created);

        var result = await VoidAsync(id);
        var voided = result.Invoice;

        Assert.Equal(InvoiceStatus.Void, voided.Status);
        Assert.Equal(0, voided.StillToPay.Minor);
        Assert.Equal(0, voided.AmountPaid.Minor);
        // The credit (15) and the cash (20) stay, the credit note's 50 settles the total, and what was paid comes off again.
        Assert.Equal([1500, 2000, 5000, -1500, -2000], voided.Allocations.Select(a => a.Amount.Minor));
        Assert.All(voided.Allocations, a => Assert.True(a.Voided));
        Assert.NotNull(result.CreditNote);
        Assert.Matches("^CN-[0-9]{4}-[0-9]{5}$", result.CreditNote.Number);
        Assert.Equal(5000, result.CreditNote.Total.Minor);
        Assert.Equal(3500, result.CreditNote.ToBalance.Minor);
        Assert.Equal("Issued to the wrong client", result.CreditNote.Reason);
        Assert.Equal("35.00", await app.BalanceAsync(clientId));
        Assert.Equal("Void", (await app.GetAsync($"/api/v1/invoices/{id}")).Text("status"));
    }

    [Fact]
    public async Task Voiding_twice_is_refused_and_returns_nothing_more()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "10.00");
        await app.PostAsync($"/api/v1/invoices/{id}/payments", new { amount = ApiApp.Eur("10.00"), method = "cash", reference = "desk" }, HttpStatusCode.Created);
        await VoidAsync(id);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => VoidAsync(id));

        Assert.Equal(ErrorCodes.InvoiceAlreadyVoid, refusal.Code);
        Assert.Equal("10.00", await app.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Voiding_a_draft_erases_it_without_a_credit_note()
    {
        var clientId = await app.CreateClientAsync();
        var id = await app.DraftAsync(clientId, "10.00");

        var result = await VoidAsync(id);

        Assert.Equal(InvoiceStatus.Void, result.Invoice.Status);
        Assert.Null(result.CreditNote);
    }

    private async Task<VoidedInvoiceResult> VoidAsync(int id)
    {
        using var scope = app.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VoidInvoice>().HandleAsync(id, "Issued to the wrong client");
    }
}
