using System.Net;
using InvoiceHub.Tests.Features.Api;

namespace InvoiceHub.Tests.Features.Settings;

public sealed class SettingsApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Put_settings_with_an_admin_key_changes_them()
    {
        var body = new { onlineInvoicePayment = true, clientLogin = false, automaticallyMarkInvoicesPaid = true, autoCharge = true };

        var updated = await ApiApp.SendAsync(app.Admin, HttpMethod.Put, "/api/v1/settings", body, HttpStatusCode.OK);
        var read = await ApiApp.SendAsync(app.Finance, HttpMethod.Get, "/api/v1/settings", null, HttpStatusCode.OK);

        Assert.True((bool)updated!["automaticallyMarkInvoicesPaid"]!);
        Assert.True((bool)read!["onlineInvoicePayment"]!);
        Assert.False((bool)read["clientLogin"]!);
        Assert.True((bool)read["autoCharge"]!);
    }

    [Fact]
    public async Task Put_settings_with_a_finance_key_is_forbidden_and_changes_nothing()
    {
        var before = await ApiApp.SendAsync(app.Admin, HttpMethod.Get, "/api/v1/settings", null, HttpStatusCode.OK);
        var flipped = !(bool)before!["automaticallyMarkInvoicesPaid"]!;

        await ApiApp.SendAsync(app.Finance, HttpMethod.Put, "/api/v1/settings",
            new { onlineInvoicePayment = true, clientLogin = true, automaticallyMarkInvoicesPaid = flipped, autoCharge = false },
            HttpStatusCode.Forbidden);

        var after = await ApiApp.SendAsync(app.Admin, HttpMethod.Get, "/api/v1/settings", null, HttpStatusCode.OK);
        Assert.Equal(!flipped, (bool)after!["automaticallyMarkInvoicesPaid"]!);
    }

    [Fact]
    public async Task Put_settings_without_every_field_is_a_validation_problem()
    {
        var problem = await ApiApp.SendAsync(app.Admin, HttpMethod.Put, "/api/v1/settings", new { onlineInvoicePayment = true }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem!.Errors("automaticallyMarkInvoicesPaid"));
        Assert.NotEmpty(problem.Errors("clientLogin"));
    }
}
