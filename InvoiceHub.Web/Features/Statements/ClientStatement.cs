using System.Globalization;
using InvoiceHub.Web.Features.Dashboard;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Statements;

/// <summary>One row of a statement: what happened and the balance due right after it (charges raise it, credits lower it).</summary>
public sealed record StatementLine(DateOnly On, string Kind, string Reference, string Description, long ChargeMinor, long CreditMinor, long BalanceMinor);

/// <summary>
/// A client's account for a period: the balance due at the start, every happening with the running balance, the balance at
/// the end, and the ageing of what is still open then. The balance due is what the open invoices still ask for less the
/// credit on the client's balance, so <c>Closing = Aging.Total − CreditOnAccount</c> and <c>Opening + Charges − Credits = Closing</c>.
/// </summary>
public sealed record ClientStatement(
    int ClientId,
    InvoicePdfParty Client,
    string Currency,
    DateOnly From,
    DateOnly To,
    long OpeningMinor,
    IReadOnlyList<StatementLine> Lines,
    long ChargesMinor,
    long CreditsMinor,
    long ClosingMinor,
    long CreditOnAccountMinor,
    AgingBuckets Aging)
{
    public const int MaxDays = 3660;

    public string FileName => $"statement-client-{ClientId}-{From:yyyy-MM-dd}-to-{To:yyyy-MM-dd}.pdf";

    public string Title => string.Format(CultureInfo.CurrentCulture, DocumentText.StatementTitle, Display.Date(From), Display.Date(To));
}
