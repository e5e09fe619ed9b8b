using InvoiceHub.Domain;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Pdf;
using InvoiceHub.Web.Resources;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.Statements;

/// <summary>A client statement on the shared <see cref="DocumentPdf"/> flow: opening balance, every row with the running balance, closing balance and ageing.</summary>
internal sealed class StatementPdf(PdfDocument document, ClientStatement statement, InvoicePdfParty seller, byte[]? logo) : DocumentPdf(document, statement.Title)
{
    // Properties, not fields: the headings are read in the language the statement is rendered in.
    private static PdfTable RowsTable => new(
        [Margin, 250, 310, 385, 460],
        [DocumentText.ColumnDescription, DocumentText.ColumnDate, DocumentText.Charges, DocumentText.Credits, DocumentText.BalanceDue],
        [false, false, true, true, true]);

    private static PdfTable AgingTable => new(
        [Margin, 250, 310, 385, 460],
        [DocumentText.StillOpenAtEndOfPeriod, DocumentText.DaysLate, "", "", SharedText.Amount],
        [false, false, true, true, true]);

    public static byte[] Render(ClientStatement statement, InvoicePdfParty seller, byte[]? logo)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Render(statement.Title, seller.Name, string.Format(Culture, DocumentText.SubjectFor, statement.Title, statement.Client.Name), document => new StatementPdf(document, statement, seller, logo));
    }

    public override void Draw()
    {
        Letterhead(logo, seller,
        [
            Labelled(DocumentText.Period, string.Format(Culture, DocumentText.PeriodRange, Day(statement.From), Day(statement.To))),
            Labelled(DocumentText.Currency, statement.Currency),
            Labelled(DocumentText.BalanceDue, Money(statement.ClosingMinor)),
        ], DocumentText.StatementFor, statement.Client);

        Paragraph(string.Format(Culture, DocumentText.OpeningBalanceLine, Day(statement.From), Money(statement.OpeningMinor)), BoldFont);
        Y += 6;
        BeginTable(RowsTable);
        foreach (var line in statement.Lines)
        {
            Row([$"{StatementWords.KindName(line.Kind)} {line.Reference}: {line.Description}", Day(line.On), Minor(line.ChargeMinor), Minor(line.CreditMinor), Decimal(line.BalanceMinor)]);
        }
        if (statement.Lines.Count == 0)
        {
            Row([DocumentText.NothingHappened, "", "", "", ""]);
        }
        EndTable();
        Y += 8;
        Totals(
        [
            (DocumentText.OpeningBalanceDue, Money(statement.OpeningMinor), false),
            (DocumentText.Charges, Money(statement.ChargesMinor), false),
            (DocumentText.PaymentsAndCredits, Money(statement.CreditsMinor), false),
            (string.Format(Culture, DocumentText.BalanceDueOn, Day(statement.To)), Money(statement.ClosingMinor), true),
        ]);
        Y += 6;
        Paragraph(string.Format(Culture, DocumentText.BalanceDueExplained, Money(statement.Aging.Total), Money(statement.CreditOnAccountMinor)), SmallFont);
        Y += 14;
        BeginTable(AgingTable);
        Row([DocumentText.NotYetDue, "0", "", "", Decimal(statement.Aging.Current)]);
        Row([string.Format(Culture, DocumentText.DaysPastDue, "1–30"), "1–30", "", "", Decimal(statement.Aging.Days1To30)]);
        Row([string.Format(Culture, DocumentText.DaysPastDue, "31–60"), "31–60", "", "", Decimal(statement.Aging.Days31To60)]);
        Row([string.Format(Culture, DocumentText.DaysPastDue, "61–90"), "61–90", "", "", Decimal(statement.Aging.Days61To90)]);
        Row([DocumentText.Over90DaysPastDue, "90+", "", "", Decimal(statement.Aging.Over90)]);
        EndTable();
        Totals([(DocumentText.TotalStillOpen, Money(statement.Aging.Total), true)]);
        if (!string.IsNullOrWhiteSpace(seller.Email))
        {
            Y += 16;
            Paragraph(string.Format(Culture, DocumentText.QuestionsWriteTo, seller.Email));
        }
    }

    private Money Of(long minor) => new(minor, Currency.FromCode(statement.Currency));

    private string Money(long minor) => Amount(Of(minor));

    private string Decimal(long minor) => Figure(Of(minor));

    private string Minor(long minor) => minor == 0 ? "" : Decimal(minor);
}
