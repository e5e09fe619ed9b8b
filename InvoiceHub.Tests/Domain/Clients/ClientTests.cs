using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.Clients;

public class ClientTests
{
    [Fact]
    public void New_client_has_zero_balance_auto_charge_and_portal_access()
    {
        var client = Client.Create("  Ada Lovelace ", "ada@example.com", Currency.EUR, Now);

        Assert.Equal("Ada Lovelace", client.Name);
        Assert.Equal(Eur(0), client.Balance);
        Assert.True(client.AutoCharge);
        Assert.True(client.PortalAccess);
        Assert.Empty(client.Entries);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@@example.com")]
    [InlineData("ada lovelace@example.com")]
    public void Invalid_email_is_refused(string email)
    {
        Assert.Equal("email", Throws(ErrorCodes.InvalidEmail, () => Client.Create("Ada", email, Currency.EUR, Now)).Field);
    }

    [Fact]
    public void Empty_name_is_refused()
    {
        Assert.Equal("name", Throws(ErrorCodes.InvalidName, () => Client.Create(" ", "ada@example.com", Currency.EUR, Now)).Field);
    }

    [Fact]
    public void Flags_and_details_change_with_the_version()
    {
        var client = NewClient();

        client.SetAutoCharge(false);
        client.SetPortalAccess(false);
        client.Rename("Ada King");
        client.ChangeEmail("ada.king@example.com");

        Assert.False(client.AutoCharge);
        Assert.False(client.PortalAccess);
        Assert.Equal("Ada King", client.Name);
        Assert.Equal("ada.king@example.com", client.Email);
        Assert.Equal(4, client.Version);
    }

    [Fact]
    public void Manual_adjustment_writes_a_ledger_entry_and_raises_balance_changed()
    {
        var client = NewClient();

        var entry = client.AdjustBalance(Eur(2500), "Goodwill for the cancelled lesson", Now);

        Assert.Equal(Eur(2500), client.Balance);
        Assert.Equal(BalanceEntryKind.ManualAdjustment, entry.Kind);
        Assert.Equal(2500, entry.AmountMinor);
        Assert.Equal(2500, entry.BalanceAfterMinor);
        Assert.Equal("Goodwill for the cancelled lesson", entry.Reason);
        Assert.Equal(Now, entry.CreatedAt);
        var changed = Assert.IsType<BalanceChanged>(Assert.Single(client.DomainEvents));
        Assert.Equal(Eur(2500), changed.Balance);
        Assert.Same(entry, changed.Entry);
    }

    [Fact]
    public void Negative_adjustment_within_the_balance_is_allowed()
    {
        var client = NewClient(1000);

        client.AdjustBalance(Eur(-1000), "Refunded by bank transfer", Now);

        Assert.Equal(Eur(0), client.Balance);
        Assert.Equal(0, client.Entries.Sum(e => e.AmountMinor));
    }

    [Fact]
    public void Debit_larger_than_the_balance_is_refused_with_insufficient_balance()
    {
        var client = NewClient(1000);
        var version = client.Version;

        var error = Throws(ErrorCodes.InsufficientBalance, () => client.AdjustBalance(Eur(-1001), "Correction", Now));

        Assert.Equal("amount", error.Field);
        Assert.Equal(Eur(1000), client.Balance);
        Assert.Single(client.Entries);
        Assert.Equal(version, client.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Manual_adjustment_requires_a_reason(string reason)
    {
        var client = NewClient();

        Assert.Equal("reason", Throws(ErrorCodes.ReasonRequired, () => client.AdjustBalance(Eur(100), reason, Now)).Field);
        Assert.Empty(client.Entries);
    }

    [Fact]
    public void Zero_adjustment_is_refused()
    {
        Throws(ErrorCodes.InvalidAmount, () => NewClient().AdjustBalance(Eur(0), "Nothing", Now));
    }

    [Fact]
    public void Adjustment_in_another_currency_is_refused()
    {
        var client = NewClient();

        Throws(ErrorCodes.CurrencyMismatch, () => client.AdjustBalance(new InvoiceHub.Domain.Money(100, Currency.USD), "Wrong", Now));
    }
}
