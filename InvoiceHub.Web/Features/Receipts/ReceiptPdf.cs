using InvoiceHub.Web.Features.Pdf;
using InvoiceHub.Web.Resources;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.Receipts;

/// <summary>A payment's receipt on the shared <see cref="DocumentPdf"/> flow: who paid, when and how, what it paid, and what went back since.</summary>
internal sealed class ReceiptPdf(PdfDocument document, ReceiptModel model) : DocumentPdf(document, model.Title)
{
    // Properties, not fields: the headings are read in the language the receipt is rendered in.
    private static PdfTable PaidTable => new([Margin, 330, 465], [DocumentText.Paid, DocumentText.ColumnNote, DocumentText.ColumnAmountApplied], [false, false, true]);
    private static PdfTable ReversalTable => new([Margin, 330, 465], [DocumentText.ColumnSinceThen, DocumentText.ColumnDate, SharedText.Amount], [false, false, true]);

    public static byte[] Render(ReceiptModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Render(model.Title, model.Seller.Name, string.Format(Culture, DocumentText.SubjectFrom, model.Title, model.Payer.Name), document => new ReceiptPdf(document, model));
    }

    public override void Draw()
    {
        Letterhead(model.Logo, model.Seller,
        [
            Labelled(DocumentText.Payment, model.PaymentId.ToString(Culture)),
            Labelled(DocumentText.ColumnDate, Day(model.PaidOn)),
            Labelled(DocumentText.Method, model.Method),
            Labelled(DocumentText.Reference, model.Reference),
            Labelled(SharedText.Amount, Amount(model.Amount)),
        ], DocumentText.ReceivedFrom, model.Payer);

        Paragraph(string.Format(Culture, DocumentText.ReceiptReceived, Amount(model.Amount), model.Payer.Name, Day(model.PaidOn), model.Method.ToLower(Culture)));
        Y += 10;
        BeginTable(PaidTable);
        foreach (var line in model.Paid)
        {
            Row([line.Document, line.Note ?? "", Amount(line.Applied)]);
        }
        EndTable();
        Y += 8;
        if (model.Reversals.Count > 0)
        {
            BeginTable(ReversalTable);
            foreach (var reversal in model.Reversals)
            {
                Row([reversal.What, Day(reversal.On), Amount(reversal.Amount)]);
            }
            EndTable();
            Y += 8;
        }
        var totals = new List<(string, string, bool)> { (DocumentText.AmountReceived, Amount(model.Amount), true) };
        if (model.Kept != model.Amount)
        {
            totals.Add((DocumentText.LessRefundsAndChargebacks, Amount(model.Amount - model.Kept), false));
            totals.Add((DocumentText.Kept, Amount(model.Kept), true));
        }
        Totals(totals);
        if (!string.IsNullOrWhiteSpace(model.Seller.Email))
        {
            Y += 16;
            Paragraph(string.Format(Culture, DocumentText.QuestionsWriteTo, model.Seller.Email));
        }
    }
}
