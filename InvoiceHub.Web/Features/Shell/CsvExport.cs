using System.Globalization;
using CsvHelper;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>Writes rows as a CSV download (invariant culture, so amounts read back the same everywhere).</summary>
public static class CsvExport
{
    public static IResult File<T>(IEnumerable<T> rows, string fileName)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), false))
        {
            // CsvHelper 34 writes record types through generated mappers; plain reflection keeps these rows simple.
            var properties = typeof(T).GetProperties();
            foreach (var property in properties)
            {
                csv.WriteField(property.Name);
            }
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var property in properties)
                {
                    csv.WriteField(Inert(Convert.ToString(property.GetValue(row), CultureInfo.InvariantCulture)));
                }
                csv.EndRecord();
            }
        }
        return Results.File(buffer.ToArray(), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>
    /// A text cell that a spreadsheet would run as a formula (a client named <c>=HYPERLINK(…)</c>) gets a leading
    /// apostrophe (OWASP CSV injection); numbers such as a negative balance stay numbers.
    /// </summary>
    public static string? Inert(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;

    /// <summary>Reads every page of a paged list query, so an export holds all rows that match the filters.</summary>
    public static async Task<List<T>> AllPagesAsync<T>(Func<int, Task<PagedResult<T>>> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var rows = new List<T>();
        for (var number = 1; ; number++)
        {
            var result = await page(number);
            rows.AddRange(result.Rows);
            if (number >= result.PageCount)
            {
                return rows;
            }
        }
    }
}
