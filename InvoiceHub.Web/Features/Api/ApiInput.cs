using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Resources;

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
/// (<c>lines[0].unitPrice.value</c>), and turns them into one 400 validation problem. Its own messages are in the
/// caller's language (<see cref="ProblemText"/>); the field names never change.
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

    /// <summary><paramref name="what"/> describes the field in English ("the due date (yyyy-MM-dd)"); other languages name the field.</summary>
    public T? Required<T>(T? value, string field, string what)
        where T : struct
    {
        if (value is null)
        {
            AddMissing(field, what);
        }

        return value;
    }

    public string? RequiredText(string? value, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            AddMissing(field, what);
            return null;
        }

        return value;
    }

    /// <summary>A domain refusal of one field (an amount Money.Parse rejects), in the caller's language.</summary>
    public void Add(DomainException refusal, string field)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        Add(refusal.Field ?? field, ProblemText.Of(refusal));
    }

    private void AddMissing(string field, string what) =>
        Add(field, ProblemText.EnglishOr($"Give {what}.", ProblemText.Format(ApiText.FieldRequired, field)));

    /// <summary>
    /// Parses <paramref name="dto"/> as an amount in <paramref name="expected"/> (the client's currency);
    /// records what is wrong under <c>field.currency</c> or <c>field.value</c> and returns null then.
    /// </summary>
    public Money? Money(MoneyDto? dto, Currency expected, string field, AmountRule rule)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (dto is null)
        {
            Add(field, ProblemText.Format(ApiText.GiveAmountAs, $"{{\"currency\":\"{expected.Code}\",\"value\":\"{Example(expected)}\"}}"));
            return null;
        }

        var valid = true;
        if (string.IsNullOrEmpty(dto.Currency))
        {
            Add($"{field}.currency", ProblemText.Format(ApiText.GiveCurrency, expected.Code));
            valid = false;
        }
        else if (!Currency.TryFromCode(dto.Currency, out var currency))
        {
            Add($"{field}.currency", ProblemText.Format(ApiText.UnsupportedCurrency, dto.Currency, expected.Code));
            valid = false;
        }
        else if (currency != expected)
        {
            Add($"{field}.currency", ProblemText.Format(ApiText.WrongCurrency, expected.Code, currency.Code));
            valid = false;
        }

        Money money;
        try
        {
            money = InvoiceHub.Domain.Money.Parse(dto.Value, expected, $"{field}.value");
        }
        catch (DomainException ex)
        {
            Add(ex, $"{field}.value");
            return null;
        }

        var ruleBroken = rule switch
        {
            AmountRule.Positive when !money.IsPositive => ApiText.AmountPositive,
            AmountRule.NonNegative when money.IsNegative => ApiText.AmountNonNegative,
            AmountRule.NonZero when money.IsZero => ApiText.AmountNonZero,
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
            detail: ProblemText.Format(ApiText.InvalidFields, string.Join(", ", _errors.Keys)),
            title: ApiText.TitleInvalidRequest);

    private static string Example(Currency currency) =>
        currency.MinorDigits == 0 ? "1250" : "12." + new string('5', currency.MinorDigits);
}
