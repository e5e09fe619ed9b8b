using InvoiceHub.Domain;
using InvoiceHub.Web.Features.Api;
using InvoiceHub.Web.Features.Dashboard;

namespace InvoiceHub.Web.Features.Statements;

public sealed record StatementRowResponse(DateOnly Date, string Kind, string Reference, string Description, MoneyDto Charge, MoneyDto Credit, MoneyDto Balance);

public sealed record AgingResponse(MoneyDto Current, MoneyDto Days1To30, MoneyDto Days31To60, MoneyDto Days61To90, MoneyDto Over90, MoneyDto Total);

/// <summary>A client statement: balances due (what open invoices ask for less the credit on the balance; negative is in the client's favour), rows and ageing.</summary>
public sealed record StatementResponse(
    int ClientId,
    DateOnly From,
    DateOnly To,
    MoneyDto Opening,
    MoneyDto Charges,
    MoneyDto Credits,
    MoneyDto Closing,
    MoneyDto CreditOnAccount,
    IReadOnlyList<StatementRowResponse> Rows,
    AgingResponse Aging)
{
    public static StatementResponse Of(ClientStatement s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var currency = Currency.FromCode(s.Currency);
        MoneyDto M(long minor) => MoneyDto.From(new Money(minor, currency));
        AgingBuckets a = s.Aging;
        return new(s.ClientId, s.From, s.To, M(s.OpeningMinor), M(s.ChargesMinor), M(s.CreditsMinor), M(s.ClosingMinor), M(s.CreditOnAccountMinor),
            s.Lines.Select(l => new StatementRowResponse(l.On, l.Kind, l.Reference, l.Description, M(l.ChargeMinor), M(l.CreditMinor), M(l.BalanceMinor))).ToList(),
            new AgingResponse(M(a.Current), M(a.Days1To30), M(a.Days31To60), M(a.Days61To90), M(a.Over90), M(a.Total)));
    }
}

/// <summary><c>/api/v1/clients/{id}/statement</c> (JSON) and <c>/statement/pdf</c>, as <c>/invoices/{id}/pdf</c>; the period defaults to this year to today.</summary>
public static class StatementsApi
{
    public static RouteGroupBuilder MapStatementsApi(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("/{id:int}/statement", async (int id, DateOnly? from, DateOnly? to, ClientStatements statements, CancellationToken ct) =>
            {
                var (start, end) = Period(statements, from, to);
                return await statements.BuildAsync(id, start, end, ct) is { } statement
                    ? Results.Ok(StatementResponse.Of(statement))
                    : ApiErrors.NotFound("client", id);
            })
            .WithName("GetClientStatement")
            .WithSummary("A client's statement for a period (from, to: yyyy-MM-dd, both included)")
            .WithDescription("Opening and closing balance due, every invoice, credit request, payment, refund, chargeback and balance movement with the running balance, and the ageing of what is still open at the end.")
            .Produces<StatementResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapGet("/{id:int}/statement/pdf", async (int id, DateOnly? from, DateOnly? to, ClientStatements statements, CancellationToken ct) =>
            {
                var (start, end) = Period(statements, from, to);
                return await statements.RenderAsync(id, start, end, ct) is { } r
                    ? Results.File(r.Content, "application/pdf", r.Statement.FileName)
                    : ApiErrors.NotFound("client", id);
            })
            .WithName("GetClientStatementPdf")
            .WithSummary("A client's statement for a period as PDF")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The asked period, the missing ends taken from this year to today.</summary>
    public static (DateOnly From, DateOnly To) Period(ClientStatements statements, DateOnly? from, DateOnly? to)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var (start, end) = statements.ThisYear();
        return (from ?? start, to ?? end);
    }
}
