using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;

namespace InvoiceHub.Web.Features.Api;

/// <summary>What an amount must be, besides well formed and in the right currency.</summary>
public enum AmountRule
{
    Positive,
    NonNegative,
    NonZero,
}

/// <summary>
/// Collects the validation errors of one request, keyed by the JSON path of the field at fault
/// (<c>lines[0].unitPrice.value</c>), and turns them into one 400 validation problem.
/// </summary>
public sealed class ApiInput
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public T? Required<T>(T? value, string field, string what)
        where T : struct
    {
        if (value is null)
        {
            Add(field, $"Give {what}.");
        }

        return value;
    }

    public string? RequiredText(string? value, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"Give {what}.");
            return null;
        }

        return value;
    }

    /// <summary>
    /// Parses <paramref name="dto"/> as an amount in <paramref name="expected"/> (the client's currency);
    /// records what is wrong under <c>field.currency</c> or <c>field.value</c> and returns null then.
    /// </summary>
    public Money? Money(MoneyDto? dto, Currency expected, string field, AmountRule rule)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (dto is null)
        {
            Add(field, $"Give the amount as {{\"currency\":\"{expected.Code}\",\"value\":\"{Example(expected)}\"}}.");
            return null;
        }

        var valid = true;
        if (string.IsNullOrEmpty(dto.Currency))
        {
            Add($"{field}.currency", $"Give the currency: {expected.Code}, the client's currency.");
            valid = false;
        }
        else if (!Currency.TryFromCode(dto.Currency, out var currency))
        {
            Add($"{field}.currency", $"'{dto.Currency}' is not a supported currency; the client is billed in {expected.Code}.");
            valid = false;
        }
        else if (currency != expected)
        {
            Add($"{field}.currency", $"The client is billed in {expected.Code}; give the amount in {expected.Code}, not {currency.Code}.");
            valid = false;
        }

        Money money;
        try
        {
            money = InvoiceHub.Domain.Money.Parse(dto.Value, expected, $"{field}.value");
        }
        catch (DomainException ex)
        {
            Add(ex.Field ?? $"{field}.value", ex.Message);
            return null;
        }

        var ruleBroken = rule switch
        {
            AmountRule.Positive when !money.IsPositive => "The amount must be more than zero.",
            AmountRule.NonNegative when money.IsNegative => "The amount cannot be negative.",
            AmountRule.NonZero when money.IsZero => "The amount cannot be zero.",
            _ => null,
        };
        if (ruleBroken is not null)
        {
            Add($"{field}.value", ruleBroken);
            return null;
        }

        return valid ? money : null;
    }

    public IResult Problem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
            detail: "The request has invalid fields: " + string.Join(", ", _errors.Keys) + ". See errors for what to change.",
            title: "The request is not valid");

    private static string Example(Currency currency) =>
        currency.MinorDigits == 0 ? "1250" : "12." + new string('5', currency.MinorDigits);
}
