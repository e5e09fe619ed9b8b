using InvoiceHub.Domain;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Pdf;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.Statements;

/// <summary>A client statement on the shared <see cref="DocumentPdf"/> flow: opening balance, every row with the running balance, closing balance and ageing.</summary>
internal sealed class StatementPdf(PdfDocument document, ClientStatement statement, InvoicePdfParty seller, byte[]? logo) : DocumentPdf(document, statement.Title)
{
    private static readonly PdfTable RowsTable = new(
        [Margin, 250, 310, 385, 460],
        ["Description", "Date", "Charges", "Credits", "Balance due"],
        [false, false, true, true, true]);

    private static readonly PdfTable AgingTable = new(
        [Margin, 250, 310, 385, 460],
        ["Still open at the end of the period", "Days late", "", "", "Amount"],
        [false, false, true, true, true]);

    public static byte[] Render(ClientStatement statement, InvoicePdfParty seller, byte[]? logo)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Render(statement.Title, seller.Name, $"{statement.Title} for {statement.Client.Name}", document => new StatementPdf(document, statement, seller, logo));
    }

    public override void Draw()
    {
        Letterhead(logo, seller,
        [
            Labelled("Period", $"{Day(statement.From)} to {Day(statement.To)}"),
            Labelled("Currency", statement.Currency),
            Labelled("Balance due", Money(statement.ClosingMinor)),
        ], "Statement for", statement.Client);

        Paragraph($"Balance due on {Day(statement.From)} (opening balance): {Money(statement.OpeningMinor)}", BoldFont);
        Y += 6;
        BeginTable(RowsTable);
        foreach (var line in statement.Lines)
        {
            Row([$"{line.Kind} {line.Reference}: {line.Description}", Day(line.On), Minor(line.ChargeMinor), Minor(line.CreditMinor), Decimal(line.BalanceMinor)]);
        }
        if (statement.Lines.Count == 0)
        {
            Row(["Nothing happened on the account in this period.", "", "", "", ""]);
        }
        EndTable();
        Y += 8;
        Totals(
        [
            ("Opening balance due", Money(statement.OpeningMinor), false),
            ("Charges", Money(statement.ChargesMinor), false),
            ("Payments and credits", Money(statement.CreditsMinor), false),
            ($"Balance due on {Day(statement.To)}", Money(statement.ClosingMinor), true),
        ]);
        Y += 6;
        Paragraph($"The balance due is what your open invoices still ask for ({Money(statement.Aging.Total)}) less the credit on your balance ({Money(statement.CreditOnAccountMinor)}). A negative balance due is money in your favour.", SmallFont);
        Y += 14;
        BeginTable(AgingTable);
        Row(["Not yet due", "0", "", "", Decimal(statement.Aging.Current)]);
        Row(["1–30 days past due", "1–30", "", "", Decimal(statement.Aging.Days1To30)]);
        Row(["31–60 days past due", "31–60", "", "", Decimal(statement.Aging.Days31To60)]);
        Row(["61–90 days past due", "61–90", "", "", Decimal(statement.Aging.Days61To90)]);
        Row(["Over 90 days past due", "90+", "", "", Decimal(statement.Aging.Over90)]);
        EndTable();
        Totals([("Total still open", Money(statement.Aging.Total), true)]);
        if (!string.IsNullOrWhiteSpace(seller.Email))
        {
            Y += 16;
            Paragraph($"Questions? Write to {seller.Email}.");
        }
    }

    private Money Of(long minor) => new(minor, Currency.FromCode(statement.Currency));

    private string Money(long minor) => Amount(Of(minor));

    private string Decimal(long minor) => Of(minor).ToDecimalString();

    private string Minor(long minor) => minor == 0 ? "" : Decimal(minor);
}
