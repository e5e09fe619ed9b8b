using System.Collections.Concurrent;
using System.Globalization;
using InvoiceHub.Domain;

namespace InvoiceHub.Web.Infrastructure.Formatting;

/// <summary>Money and dates as people read them, in the request's culture (amounts keep their currency).</summary>
public static class Display
{
    // One read-only format per culture and currency: pages format dozens of amounts per render.
    private static readonly ConcurrentDictionary<(CultureInfo Culture, string Currency), NumberFormatInfo> Formats = new();

    public static string Money(long minor, string currencyCode)
    {
        var currency = Currency.TryFromCode(currencyCode, out var c) ? c : Currency.EUR;
        var value = minor / (decimal)Math.Pow(10, currency.MinorDigits);
        var format = Formats.GetOrAdd((CultureInfo.CurrentCulture, currency.Code), static key =>
        {
            var format = (NumberFormatInfo)key.Culture.NumberFormat.Clone();
            format.CurrencySymbol = Symbol(key.Currency);
            format.CurrencyDecimalDigits = Currency.FromCode(key.Currency).MinorDigits;
            return NumberFormatInfo.ReadOnly(format);
        });
        return value.ToString("C", format);
    }

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public static string Date(DateTimeOffset instant) => instant.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>An instant with its time of day, in UTC as stored ("3 Dec 2026 16:05 UTC").</summary>
    public static string DateAndTime(DateTimeOffset instant) => instant.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.CurrentCulture);

    private static string Symbol(string code) => code switch
    {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        _ => code + " ",
    };
}
