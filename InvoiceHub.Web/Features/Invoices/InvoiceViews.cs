using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;

namespace InvoiceHub.Web.Features.Invoices;

public sealed record InvoiceLineView(int Position, string Description, decimal Quantity, Money UnitPrice, decimal TaxRatePercent, Money Net, Money Tax, Money Total)
{
    /// <summary>What a credit note may still take back of the line (gross).</summary>
    public Money Creditable { get; init; }
}

public sealed record AllocationView(int Id, Money Amount, AllocationSource Source, int? PaymentId, DateTimeOffset CreatedAt, bool Voided);

/// <summary>An invoice with its lines and what paid it, as screens and the API show it.</summary>
public sealed record InvoiceView(
    int Id,
    int ClientId,
    string? Number,
    InvoiceStatus Status,
    DateOnly DueDate,
    DateOnly? IssuedOn,
    Money Net,
    Money Tax,
    Money Total,
    Money AmountPaid,
    Money StillToPay,
    IReadOnlyList<InvoiceLineView> Lines,
    IReadOnlyList<AllocationView> Allocations)
{
    /// <summary>What credit notes took off the total; <see cref="AmountPaid"/> is money only.</summary>
    public Money Credited { get; init; }

    /// <summary>What a credit note may still credit (0 on a draft or void invoice).</summary>
    public Money Creditable { get; init; }

    public static InvoiceView From(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var currency = invoice.Currency;
        var lines = invoice.Lines
            .OrderBy(l => l.Position)
            .Select(l => new InvoiceLineView(
                l.Position, l.Description, l.Quantity, new Money(l.UnitPriceMinor, currency), l.TaxRatePercent,
                new Money(l.NetMinor, currency), new Money(l.TaxMinor, currency), new Money(l.TotalMinor, currency))
            {
                Creditable = new Money(invoice.CreditableMinor > 0 ? l.CreditableMinor : 0, currency),
            })
            .ToList();
        var allocations = invoice.Allocations
            .OrderBy(a => a.CreatedAt)
            .ThenBy(a => a.Id)
            .Select(a => new AllocationView(a.Id, new Money(a.AmountMinor, currency), a.Source, a.PaymentId ?? a.Payment?.Id, a.CreatedAt, a.IsVoided))
            .ToList();
        return new InvoiceView(
            invoice.Id, invoice.ClientId, invoice.Number, invoice.Status, invoice.DueDate, invoice.IssuedOn,
            invoice.Net, invoice.Tax, invoice.Total, new Money(invoice.MoneyPaidMinor, currency), invoice.StillToPay, lines, allocations)
        {
            Credited = new Money(invoice.CreditedMinor, currency),
            Creditable = new Money(invoice.CreditableMinor, currency),
        };
    }
}
