using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>One line of the draft editor as typed; numbers use a point for decimals ("12.50", "0.5", "21").</summary>
public sealed class DraftLineInput
{
    public string? Description { get; set; }
    public string? Quantity { get; set; } = "1";
    public string? UnitPrice { get; set; }
    public string? TaxRate { get; set; } = "0";

    public static DraftLineInput From(InvoiceLineView line) => new()
    {
        Description = line.Description,
        Quantity = line.Quantity.ToString("0.###", CultureInfo.InvariantCulture),
        UnitPrice = line.UnitPrice.ToDecimalString(),
        TaxRate = line.TaxRatePercent.ToString("0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>Net, tax and total of the line as the domain will compute them (half away from zero per line); null while not a number.</summary>
    public (long Net, long Tax, long Total)? Totals(Currency currency)
    {
        if (ParseDecimal(Quantity) is not { } quantity || !Money.TryParse(UnitPrice?.Trim(), currency, out var price) || ParseDecimal(TaxRate) is not { } rate)
        {
            return null;
        }
        try
        {
            var net = InvoiceLine.CalculateNetMinor(quantity, price.Minor);
            var tax = InvoiceLine.CalculateTaxMinor(net, rate);
            return (net, tax, net + tax);
        }
        catch (Domain.Common.DomainException)
        {
            return null;
        }
    }

    /// <summary>The line for the handlers, or the errors by field (<c>lines[i].quantity</c>) for the form.</summary>
    public DraftLine? ToDraftLine(int index, Currency currency, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var prefix = $"lines[{index}]";
        var ok = true;
        if (string.IsNullOrWhiteSpace(Description))
        {
            errors[$"{prefix}.description"] = InvoiceText.DescribeLine;
            ok = false;
        }
        if (ParseDecimal(Quantity) is not { } quantity)
        {
            errors[$"{prefix}.quantity"] = InvoiceText.EnterNumber;
            ok = false;
            quantity = 0;
        }
        if (!Money.TryParse(UnitPrice?.Trim(), currency, out var price))
        {
            errors[$"{prefix}.unitPrice"] = InvoiceText.EnterPrice;
            ok = false;
        }
        if (ParseDecimal(TaxRate) is not { } rate)
        {
            errors[$"{prefix}.taxRate"] = InvoiceText.EnterPercentage;
            ok = false;
            rate = 0;
        }
        return ok ? new DraftLine(Description!.Trim(), quantity, price, rate) : null;
    }

    private static decimal? ParseDecimal(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>The whole draft editor: due date and lines, turned into a command or errors by field.</summary>
public sealed class DraftForm
{
    public DateOnly? DueDate { get; set; }
    public List<DraftLineInput> Lines { get; } = [];

    public static DraftForm From(InvoiceView invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var form = new DraftForm { DueDate = invoice.DueDate };
        form.Lines.AddRange(invoice.Lines.Select(DraftLineInput.From));
        return form;
    }

    /// <summary>The lines as parsed, or null with <paramref name="errors"/> filled (keys <c>dueDate</c>, <c>lines</c>, <c>lines[i].field</c>).</summary>
    public IReadOnlyList<DraftLine>? Parse(Currency currency, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (DueDate is null)
        {
            errors["dueDate"] = InvoiceText.EnterDueDate;
        }
        if (Lines.Count == 0)
        {
            errors["lines"] = InvoiceText.AddOneLine;
        }
        var lines = Lines.Select((l, i) => l.ToDraftLine(i, currency, errors)).ToList();
        return errors.Count == 0 ? lines.Select(l => l!).ToList() : null;
    }
}
