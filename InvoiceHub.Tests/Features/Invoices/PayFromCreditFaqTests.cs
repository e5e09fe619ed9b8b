using System.Net;
using InvoiceHub.Tests.Features.Api;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>
/// The three answers of the FAQ in seeds/003 ("How Clients Can Pay Their Invoices and Credit Requests"),
/// shown through the API with "Automatically mark Invoices paid" on.
/// </summary>
public sealed class PayFromCreditFaqTests(ApiApp app) : IClassFixture<ApiApp>
{
    /// <summary>"where a Client has more credit on their account than the Invoice total, the remaining credit will remain on their Client balance".</summary>
    [Fact]
    public async Task Issue_with_balance_at_least_the_total_marks_the_invoice_paid_and_the_rest_stays_on_the_balance()
    {
        await app.SetAutoMarkPaidAsync(true);
        var clientId = await app.CreateClientAsync();
        await app.AdjustBalanceAsync(clientId, "150.00");
        var id = await app.DraftAsync(clientId, "100.00");

        var issued = await app.IssueAsync(id);

        Assert.Equal("Paid", issued.Text("status"));
        Assert.Equal("100.00", issued.Value("amountPaid"));
        Assert.Equal("0.00", issued.Value("stillToPay"));
        Assert.Equal("balance", (string)issued["allocations"]![0]!["source"]!);
        Assert.Equal("50.00", await app.BalanceAsync(clientId));
    }

    /// <summary>"any credit that the Client has will be deducted from the Invoice as a partial payment, and the remainder will be reflected in the 'Still to pay'".</summary>
    [Fact]
    public async Task Issue_with_balance_below_total_leaves_still_to_pay()
    {
        await app.SetAutoMarkPaidAsync(true);
        var clientId = await app.CreateClientAsync();
        await app.AdjustBalanceAsync(clientId, "30.00");
        var id = await app.DraftAsync(clientId, "100.00");

        var issued = await app.IssueAsync(id);

        Assert.Equal("Open", issued.Text("status"));
        Assert.Equal("30.00", issued.Value("amountPaid"));
        Assert.Equal("70.00", issued.Value("stillToPay"));
        Assert.Equal("0.00", await app.BalanceAsync(clientId));
    }

    /// <summary>"select the Pay From Credit button to make a full or partial payment of the Invoice from the Client's pre-existing credit".</summary>
    [Fact]
    public async Task Pay_from_credit_pays_part_then_the_rest_of_an_invoice()
    {
        // The invoice is issued with the setting off, so the credit stays on the balance until staff use it (rule 4).
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "80.00");
        await app.AdjustBalanceAsync(clientId, "100.00");
        await app.SetAutoMarkPaidAsync(true);

        var partial = await app.PostAsync($"/api/v1/invoices/{id}/pay-from-credit", new { amount = ApiApp.Eur("25.00") });
        Assert.Equal("Open", partial!.Text("status"));
        Assert.Equal("55.00", partial.Value("stillToPay"));
        Assert.Equal("75.00", await app.BalanceAsync(clientId));

        var full = await app.PostAsync($"/api/v1/invoices/{id}/pay-from-credit", null);
        Assert.Equal("Paid", full!.Text("status"));
        Assert.Equal("0.00", full.Value("stillToPay"));
        Assert.Equal(2, full["allocations"]!.AsArray().Count);
        Assert.Equal("20.00", await app.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Issue_with_the_setting_off_leaves_the_credit_on_the_balance()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        await app.AdjustBalanceAsync(clientId, "40.00");

        var issued = await app.IssueAsync(await app.DraftAsync(clientId, "25.00"));

        Assert.Equal("Open", issued.Text("status"));
        Assert.Equal("25.00", issued.Value("stillToPay"));
        Assert.Equal("40.00", await app.BalanceAsync(clientId));
    }
}
