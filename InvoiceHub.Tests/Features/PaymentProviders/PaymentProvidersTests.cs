using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.PaymentProviders;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.PaymentProviders;

public sealed class IbanTests
{
    [Theory]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("be71096123456769")]
    public void Valid_ibans_pass_mod_97(string iban) => Assert.True(Iban.IsValid(iban));

    [Theory]
    [InlineData("NL92ABNA0417164300")]
    [InlineData("DE89370400440532013001")]
    [InlineData("12345")]
    [InlineData("")]
    public void Wrong_check_digits_or_shapes_are_refused(string iban) => Assert.False(Iban.IsValid(iban));

    [Fact]
    public void Creditor_reference_matches_the_iso_11649_example_and_validates()
    {
        Assert.Equal("RF18539007547034", Iban.CreditorReference("539007547034"));
        var reference = Iban.CreditorReference("INV-2026-00042");
        Assert.StartsWith("RF", reference, StringComparison.Ordinal);
        Assert.EndsWith("INV202600042", reference, StringComparison.Ordinal);
        Assert.True(Iban.IsValidCreditorReference(reference));
        Assert.False(Iban.IsValidCreditorReference(reference[..^1] + "3"));
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PaymentProvidersTests : IAsyncLifetime
{
    private const string NewKey = "test_StoredKey0123456789abcdWXYZ";

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private PaymentProviderService Providers => _t.App.Services.GetRequiredService<PaymentProviderService>();

    [Fact]
    public async Task Without_a_stored_key_mollie_uses_the_configured_one()
    {
        var snapshot = await Providers.GetAsync();

        Assert.False(snapshot.MollieKeyStored);
        Assert.Equal("test_invoicehub_payments_tests", await _t.App.Services.GetRequiredService<IMollieKeyProvider>().GetApiKeyAsync(default));
        Assert.NotEmpty(await Providers.ListMollieMethodsAsync());
    }

    [Fact]
    public async Task A_stored_key_is_encrypted_shown_only_as_a_hint_and_used_by_the_mollie_client()
    {
        var hint = await Providers.SaveMollieKeyAsync(NewKey);

        Assert.Equal("test_…WXYZ", hint);
        Assert.Equal(NewKey, await _t.App.Services.GetRequiredService<IMollieKeyProvider>().GetApiKeyAsync(default));
        await using var db = _t.App.CreateDbContext();
        var row = await db.PaymentProviders.AsNoTracking().SingleAsync();
        Assert.DoesNotContain(NewKey, row.MollieApiKeyProtected!, StringComparison.Ordinal);
        Assert.DoesNotContain("StoredKey", row.MollieApiKeyProtected!, StringComparison.Ordinal);
        var snapshot = await Providers.GetAsync();
        Assert.Equal((true, "test_…WXYZ"), (snapshot.MollieKeyStored, snapshot.MollieKeyHint));
        Assert.DoesNotContain(NewKey, snapshot.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk_live_123456789012345678901234")]
    [InlineData("test_short")]
    [InlineData("test_has spaces in it 1234567890")]
    public async Task Keys_that_are_not_mollie_keys_are_refused(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Providers.SaveMollieKeyAsync(key));

        Assert.False((await Providers.GetAsync()).MollieKeyStored);
    }

    [Fact]
    public async Task Wire_transfer_is_enabled_by_default_but_offered_only_once_complete_with_a_valid_iban()
    {
        var initial = await Providers.GetAsync();
        Assert.True(initial.WireEnabled);
        Assert.Null(initial.Wire);
        Assert.Contains("IBAN", initial.WireMissing);

        await Assert.ThrowsAsync<ArgumentException>(() => Providers.SaveWireAsync(true, "Demo Agency", "NL92ABNA0417164300", "ABNANL2A", "Quote the reference."));
        await Providers.SaveWireAsync(true, "Demo Agency", "nl91 abna 0417 1643 00", "abnanl2a", "Quote the reference.");

        var wire = (await Providers.GetAsync()).Wire;
        Assert.Equal(new WireDetails("Demo Agency", "NL91ABNA0417164300", "ABNANL2A", "Quote the reference."), wire);
    }
}
