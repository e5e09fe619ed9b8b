using InvoiceHub.Domain;

namespace InvoiceHub.Web.Features.Api;

/// <summary>
/// Money on the wire: <c>{"currency":"EUR","value":"12.50"}</c>. The value is a string so that no JSON
/// number ever passes through floating point; it is parsed strictly by <see cref="Money.Parse"/>.
/// </summary>
public sealed record MoneyDto(string? Currency, string? Value)
{
    public static MoneyDto From(Money money) => new(money.Currency.Code, money.ToDecimalString());
}
