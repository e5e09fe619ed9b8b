using System.Globalization;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>Dates in list filters' query strings: yyyy-MM-dd, or nothing.</summary>
public static class QueryDate
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>False only for text that is not a date; empty text is a valid "no date".</summary>
    public static bool TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }

        return false;
    }
}
