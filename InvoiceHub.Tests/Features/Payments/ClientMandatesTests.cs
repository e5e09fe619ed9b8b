using InvoiceHub.Tests.Features.Jobs;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>A client removes a saved mandate in the portal: revoked at Mollie, and auto-charge no longer charges it.</summary>
public sealed class ClientMandatesTests
{
    [Fact]
    public async Task A_removed_mandate_is_revoked_at_Mollie_and_auto_charge_no_longer_charges_it()
    {
        await using var app = await AutoChargeApp.StartAsync();
        var client = await app.ClientWithMandateAsync();
        var other = await app.ClientWithMandateAsync("Otto Other", "otto@example.test");
        var mandates = app.App.Get<ClientMandates>();
        var (customerId, saved) = await mandates.ValidMandatesAsync(client);
        var mandate = Assert.Single(saved);
        var othersMandate = Assert.Single((await mandates.ValidMandatesAsync(other)).Mandates);

        // Only the client's own mandates can be removed through its account.
        Assert.False(await mandates.RevokeAsync(client, othersMandate.Id));
        Assert.Single((await mandates.ValidMandatesAsync(other)).Mandates);

        Assert.True(await mandates.RevokeAsync(client, mandate.Id));
        Assert.True(await mandates.RevokeAsync(client, mandate.Id)); // A second click: already revoked counts as removed.

        var gone = await Assert.ThrowsAsync<MollieException>(() => app.App.Get<MollieClient>().GetMandateAsync(customerId!, mandate.Id));
        Assert.Equal(410, gone.Status);
        Assert.Empty((await mandates.ValidMandatesAsync(client)).Mandates);
        Assert.Empty((await mandates.ChargeableMandatesAsync(client)).Mandates);

        var request = await app.CreditRequestAsync(client, 5_000);
        var othersRequest = await app.CreditRequestAsync(other, 2_000);
        var run = await app.App.RunAsync(JobCatalog.AutoCharge);

        Assert.Contains("1 charges started", run.Message);
        var attempt = Assert.Single(await app.AttemptsAsync());
        Assert.Equal(othersRequest, attempt.DocumentId);
        Assert.NotEqual(request, attempt.DocumentId);
    }
}
