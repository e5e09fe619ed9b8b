using System.Security.Claims;
using System.Text.Json.Serialization;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Api;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditNotes;

public sealed record CreditNoteLineResponse(int Position, int InvoiceLine, string Description, decimal TaxRate, MoneyDto Net, MoneyDto Tax, MoneyDto Total);

public sealed record VatRateResponse(decimal TaxRate, MoneyDto Net, MoneyDto Tax);

public sealed record CreditNoteResponse(
    int Id,
    string Number,
    DateOnly IssuedOn,
    int InvoiceId,
    string InvoiceNumber,
    int ClientId,
    string? Reason,
    MoneyDto Net,
    MoneyDto Tax,
    MoneyDto Total,
    MoneyDto ToBalance,
    MoneyDto ToPayer,
    IReadOnlyList<CreditNoteLineResponse> Lines,
    IReadOnlyList<VatRateResponse> VatPerRate,
    IReadOnlyList<string> RefundProblems)
{
    public static CreditNoteResponse From(CreditNoteView view, IReadOnlyList<string>? refundProblems = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(
            view.Id, view.Number, view.IssuedOn, view.InvoiceId, view.InvoiceNumber, view.ClientId, view.Reason,
            MoneyDto.From(view.Net), MoneyDto.From(view.Tax), MoneyDto.From(view.Total), MoneyDto.From(view.ToBalance), MoneyDto.From(view.ToPayer),
            view.Lines.Select(l => new CreditNoteLineResponse(l.Position, l.InvoiceLinePosition, l.Description, l.TaxRatePercent,
                MoneyDto.From(l.Net), MoneyDto.From(l.Tax), MoneyDto.From(l.Total))).ToList(),
            view.VatPerRate.Select(v => new VatRateResponse(v.RatePercent, MoneyDto.From(v.Net), MoneyDto.From(v.Tax))).ToList(),
            refundProblems ?? []);
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreditNoteLineRequest(int? Line, MoneyDto? Amount);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateCreditNoteRequest(bool? Full, IReadOnlyList<CreditNoteLineRequest>? Lines, MoneyDto? Amount, string? PaidMoney, string? Reason);

/// <summary><c>/api/v1/invoices/{id}/credit-notes</c> and <c>/api/v1/credit-notes/{id}</c> (decision 0023).</summary>
public static class CreditNotesApi
{
    public static RouteGroupBuilder MapCreditNotesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/invoices/{id:int}/credit-notes", CreateAsync)
            .WithTags("Credit notes")
            .WithName("CreateCreditNote")
            .WithSummary("Credit an issued invoice in full, by lines or by an amount")
            .WithDescription(
                "full: true credits everything the invoice still owes (the total minus earlier credit notes) and voids it. " +
                "lines: [{line, amount}] credits amounts (VAT included) of the invoice's lines by position; amount spreads one amount over the lines. " +
                "Money already paid beyond what the invoice then owes goes onto the client's balance (paidMoney \"balance\", the default) or back " +
                "to the payer (\"payer\": Mollie payments are refunded, the rest goes onto the balance). Send an Idempotency-Key header to make a " +
                "retry safe: the same key answers the same credit note.")
            .Produces<CreditNoteResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var notes = api.MapGroup("/credit-notes").WithTags("Credit notes");
        notes.MapGet("/{id:int}", GetAsync)
            .WithName("GetCreditNote")
            .WithSummary("Get a credit note with its lines and VAT per rate")
            .Produces<CreditNoteResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        notes.MapGet("/{id:int}/pdf", CreditNotePdfEndpoints.ApiPdfAsync)
            .WithName("GetCreditNotePdf")
            .WithSummary("Download a credit note as PDF: the invoice it credits, the lines credited, net, VAT per rate and total")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetAsync(int id, GetCreditNote handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, clientId: null, cancellationToken) is { } view
            ? TypedResults.Ok(CreditNoteResponse.From(view))
            : ApiErrors.NotFound("credit note", id);

    private static async Task<IResult> CreateAsync(
        int id,
        CreateCreditNoteRequest? body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        IssueCreditNote handler,
        IDbContextFactory<InvoiceHubDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.FindInvoiceCurrencyAsync(id, cancellationToken) is not { } currency)
            {
                return ApiErrors.NotFound("invoice", id);
            }

            body ??= new CreateCreditNoteRequest(null, null, null, null, null);
            var input = new ApiInput();
            PaidMoneyDestination? destination = body.PaidMoney?.Trim().ToLowerInvariant() switch
            {
                null or "" or "balance" => PaidMoneyDestination.Balance,
                "payer" => PaidMoneyDestination.Payer,
                _ => null,
            };
            if (destination is null)
            {
                input.Add("paidMoney", ApiText.FieldPaidMoney);
            }

            // A full credit voids the invoice: it is asked for explicitly, never the default of an empty body.
            var ways = (body.Full == true ? 1 : 0) + (body.Lines is null ? 0 : 1) + (body.Amount is null ? 0 : 1);
            if (ways != 1)
            {
                input.Add("full", ApiText.FieldCreditWhat);
            }

            if (idempotencyKey is { Length: > CreditNote.MaxRequestKeyLength })
            {
                input.Add("Idempotency-Key", ProblemText.Format(ApiText.FieldIdempotencyKeyTooLong, CreditNote.MaxRequestKeyLength));
            }

            var lines = body.Lines?.Select((l, i) => ParseLine(input, l, i, currency)).ToList();
            var amount = body.Amount is null ? null : input.Money(body.Amount, currency, "amount", AmountRule.Positive);
            if (lines is { Count: 0 })
            {
                input.Add("lines", ApiText.FieldCreditLines);
            }

            if (!input.IsValid)
            {
                return input.Problem();
            }

            var issued = await handler.HandleAsync(
                new CreditNoteCommand(id, lines!?.Select(l => l!).ToList(), amount?.Minor, destination!.Value, body.Reason, "API key " + (user.Identity?.Name ?? "?"), idempotencyKey),
                cancellationToken);
            return TypedResults.Created($"/api/v1/credit-notes/{issued.CreditNote.Id}", CreditNoteResponse.From(issued.CreditNote, issued.RefundProblems));
        }
    }

    private static CreditedLine? ParseLine(ApiInput input, CreditNoteLineRequest line, int index, Domain.Currency currency)
    {
        var position = input.Required(line?.Line, $"lines[{index}].line", "the position of the invoice line to credit (1 for the first)");
        var amount = input.Money(line?.Amount, currency, $"lines[{index}].amount", AmountRule.Positive);
        return position is { } p && amount is { } a ? new CreditedLine(p, a.Minor) : null;
    }
}
