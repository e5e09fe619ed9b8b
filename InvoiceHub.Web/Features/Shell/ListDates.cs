using System.Globalization;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>The date filters of the staff lists and their CSV exports: empty, or yyyy-mm-dd.</summary>
public static class ListDates
{
    public const string Hint = "Write dates as yyyy-mm-dd, for example 2026-11-30.";

    /// <summary>False only for text that is not a date; empty text is no filter.</summary>
    public static bool TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }
        return false;
    }
}
