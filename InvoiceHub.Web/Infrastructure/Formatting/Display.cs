using System.Globalization;
using InvoiceHub.Domain;

namespace InvoiceHub.Web.Infrastructure.Formatting;

/// <summary>Money and dates as people read them, in the request's culture (amounts keep their currency).</summary>
public static class Display
{
    /// <summary>Money as people read it (<see cref="InvoiceHub.Domain.Money.ToDisplayString"/>): <c>€362.98</c>.</summary>
    public static string Money(long minor, string currencyCode) =>
        new Money(minor, Currency.TryFromCode(currencyCode, out var currency) ? currency : Currency.EUR).ToDisplayString();

    public static string Money(Money money) => money.ToDisplayString();

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public static string Date(DateTimeOffset instant) => instant.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>An instant with its time of day, in UTC as stored ("3 Dec 2026 16:05 UTC").</summary>
    public static string DateAndTime(DateTimeOffset instant) => instant.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.CurrentCulture);
}
