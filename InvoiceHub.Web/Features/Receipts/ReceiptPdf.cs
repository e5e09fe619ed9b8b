using InvoiceHub.Web.Features.Pdf;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.Receipts;

/// <summary>A payment's receipt on the shared <see cref="DocumentPdf"/> flow: who paid, when and how, what it paid, and what went back since.</summary>
internal sealed class ReceiptPdf(PdfDocument document, ReceiptModel model) : DocumentPdf(document, model.Title)
{
    private static readonly PdfTable PaidTable = new([Margin, 330, 465], ["Paid", "Note", "Amount applied"], [false, false, true]);
    private static readonly PdfTable ReversalTable = new([Margin, 330, 465], ["Since then", "Date", "Amount"], [false, false, true]);

    public static byte[] Render(ReceiptModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Render(model.Title, model.Seller.Name, $"{model.Title} from {model.Payer.Name}", document => new ReceiptPdf(document, model));
    }

    public override void Draw()
    {
        Letterhead(model.Logo, model.Seller,
        [
            Labelled("Payment", model.PaymentId.ToString(Culture)),
            Labelled("Date", Day(model.PaidOn)),
            Labelled("Method", model.Method),
            Labelled("Reference", model.Reference),
            Labelled("Amount", Amount(model.Amount)),
        ], "Received from", model.Payer);

        Paragraph($"We received {Amount(model.Amount)} from {model.Payer.Name} on {Day(model.PaidOn)} by {model.Method.ToLowerInvariant()}. Thank you.");
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
        var totals = new List<(string, string, bool)> { ("Amount received", Amount(model.Amount), true) };
        if (model.Kept != model.Amount)
        {
            totals.Add(("Less refunds and chargebacks", Amount(model.Amount - model.Kept), false));
            totals.Add(("Kept", Amount(model.Kept), true));
        }
        Totals(totals);
        if (!string.IsNullOrWhiteSpace(model.Seller.Email))
        {
            Y += 16;
            Paragraph($"Questions? Write to {model.Seller.Email}.");
        }
    }
}
