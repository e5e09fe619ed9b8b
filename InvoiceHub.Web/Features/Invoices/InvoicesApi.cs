using System.Text.Json.Serialization;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Api;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

public sealed record InvoiceLineResponse(int Position, string Description, decimal Quantity, MoneyDto UnitPrice, decimal TaxRate, MoneyDto Net, MoneyDto Tax, MoneyDto Total);

public sealed record AllocationResponse(int Id, MoneyDto Amount, string Source, int? PaymentId, DateTimeOffset CreatedAt, bool Voided);

/// <summary>An invoice in API responses; <see cref="PaymentUrl"/> is a fresh payment link while the invoice is Open (issue and get).</summary>
public sealed record InvoiceResponse(
    int Id,
    int ClientId,
    string? Number,
    string Status,
    DateOnly DueDate,
    DateOnly? IssuedOn,
    MoneyDto Net,
    MoneyDto Tax,
    MoneyDto Total,
    MoneyDto AmountPaid,
    MoneyDto StillToPay,
    string? PaymentUrl,
    IReadOnlyList<InvoiceLineResponse> Lines,
    IReadOnlyList<AllocationResponse> Allocations,
    MoneyDto Credited)
{
    public static InvoiceResponse From(InvoiceView view, string? paymentUrl = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(
            view.Id, view.ClientId, view.Number, view.Status.ToString(), view.DueDate, view.IssuedOn,
            MoneyDto.From(view.Net), MoneyDto.From(view.Tax), MoneyDto.From(view.Total), MoneyDto.From(view.AmountPaid), MoneyDto.From(view.StillToPay),
            PaymentUrl: paymentUrl,
            view.Lines.Select(l => new InvoiceLineResponse(l.Position, l.Description, l.Quantity, MoneyDto.From(l.UnitPrice), l.TaxRatePercent,
                MoneyDto.From(l.Net), MoneyDto.From(l.Tax), MoneyDto.From(l.Total))).ToList(),
            view.Allocations.Select(a => new AllocationResponse(a.Id, MoneyDto.From(a.Amount), a.Source.ToString().ToLowerInvariant(), a.PaymentId, a.CreatedAt, a.Voided)).ToList(),
            MoneyDto.From(view.Credited));
    }
}

public sealed record CreditAppliedResponse(int InvoiceId, string? Number, MoneyDto Amount)
{
    public static CreditAppliedResponse From(CreditAppliedView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.InvoiceId, view.Number, MoneyDto.From(view.Amount));
    }
}

public sealed record InvoicePaymentResponse(PaymentResponse Payment, InvoiceResponse Invoice, MoneyDto AddedToBalance, IReadOnlyList<CreditAppliedResponse> CreditApplied);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record InvoiceLineRequest(string? Description, decimal? Quantity, MoneyDto? UnitPrice, decimal? TaxRate);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateInvoiceRequest(int? ClientId, DateOnly? DueDate, IReadOnlyList<InvoiceLineRequest>? Lines);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PayFromCreditRequest(MoneyDto? Amount);

/// <summary><c>/api/v1/invoices</c>: drafts, issuing, Pay From Credit and offline payments.</summary>
public static class InvoicesApi
{
    public static RouteGroupBuilder MapInvoicesApi(this RouteGroupBuilder api)
    {
        var invoices = api.MapGroup("/invoices").WithTags("Invoices");

        invoices.MapPost("/", CreateAsync)
            .WithName("CreateInvoice")
            .WithSummary("Create a draft invoice with lines")
            .Produces<InvoiceResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        invoices.MapGet("/{id:int}", GetAsync)
            .WithName("GetInvoice")
            .WithSummary("Get an invoice with its lines and allocations")
            .Produces<InvoiceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        invoices.MapPost("/{id:int}/issue", IssueAsync)
            .WithName("IssueInvoice")
            .WithSummary("Issue a draft invoice")
            .WithDescription("Numbers the invoice (INV-yyyy-nnnnn, gapless) and opens it; with 'Automatically mark Invoices paid' on, the client's balance pays what it can.")
            .Produces<InvoiceResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        invoices.MapPost("/{id:int}/pay-from-credit", PayFromCreditAsync)
            .WithName("PayInvoiceFromCredit")
            .WithSummary("Pay an open invoice from the client's balance")
            .WithDescription("Pays amount (default: the most possible, min(balance, still to pay)); needs 'Automatically mark Invoices paid' on.")
            .Produces<InvoiceResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        invoices.MapPost("/{id:int}/payments", RecordPaymentAsync)
            .WithName("RecordInvoicePayment")
            .WithSummary("Record an offline payment (cash, cheque, bank transfer) for an open invoice")
            .WithDescription("What exceeds the amount still to pay goes to the client's balance (and, with the setting on, pays other open invoices).")
            .Produces<InvoicePaymentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        invoices.MapGet("/{id:int}/pdf", InvoicePdfEndpoints.ApiPdfAsync)
            .WithName("GetInvoicePdf")
            .WithSummary("Download the invoice as PDF")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> CreateAsync(
        CreateInvoiceRequest body,
        CreateDraftInvoice handler,
        IDbContextFactory<InvoiceHubDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        var input = new ApiInput();
        var clientId = input.Required(body.ClientId, "clientId", "the id of the client to bill");
        var dueDate = input.Required(body.DueDate, "dueDate", "the due date (yyyy-MM-dd)");
        if (clientId is null)
        {
            return input.Problem();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.FindClientCurrencyAsync(clientId.Value, cancellationToken) is not { } currency)
        {
            return ApiErrors.NotFound("client", clientId.Value);
        }

        var lines = new List<DraftLine>();
        var requested = body.Lines ?? [];
        for (var i = 0; i < requested.Count; i++)
        {
            var line = requested[i];
            var prefix = $"lines[{i}]";
            if (line is null)
            {
                input.Add(prefix, "Give the line as {description, quantity, unitPrice, taxRate}.");
                continue;
            }

            var description = input.RequiredText(line.Description, $"{prefix}.description", "a description of the line");
            var quantity = input.Required(line.Quantity, $"{prefix}.quantity", "the quantity");
            var unitPrice = input.Money(line.UnitPrice, currency, $"{prefix}.unitPrice", AmountRule.NonNegative);
            if (description is not null && quantity is not null && unitPrice is not null)
            {
                lines.Add(new DraftLine(description, quantity.Value, unitPrice.Value, line.TaxRate ?? 0m));
            }
        }

        if (!input.IsValid)
        {
            return input.Problem();
        }

        var invoice = await handler.HandleAsync(new CreateDraftInvoiceCommand(clientId.Value, dueDate!.Value, lines), cancellationToken);
        return TypedResults.Created($"/api/v1/invoices/{invoice.Id}", InvoiceResponse.From(invoice));
    }

    private static async Task<IResult> GetAsync(int id, GetInvoice handler, PaymentLinks.PaymentLinks links, HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await WithLinkAsync(await handler.HandleAsync(id, cancellationToken), links, request, cancellationToken));

    private static async Task<IResult> IssueAsync(int id, IssueInvoice handler, PaymentLinks.PaymentLinks links, HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await WithLinkAsync(await handler.HandleAsync(id, cancellationToken), links, request, cancellationToken));

    private static async Task<InvoiceResponse> WithLinkAsync(InvoiceView view, PaymentLinks.PaymentLinks links, HttpRequest request, CancellationToken cancellationToken) =>
        InvoiceResponse.From(view, await links.ForApiAsync(PayableKind.Invoice, view.Id, view.Status == Domain.Invoices.InvoiceStatus.Open, request, cancellationToken));

    private static async Task<IResult> PayFromCreditAsync(
        int id,
        PayFromCreditRequest? body,
        PayInvoiceFromCredit handler,
        IDbContextFactory<InvoiceHubDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.FindInvoiceCurrencyAsync(id, cancellationToken) is not { } currency)
        {
            return ApiErrors.NotFound("invoice", id);
        }

        var input = new ApiInput();
        var amount = body?.Amount is null ? null : input.Money(body.Amount, currency, "amount", AmountRule.Positive);
        if (!input.IsValid)
        {
            return input.Problem();
        }

        return TypedResults.Ok(InvoiceResponse.From(await handler.HandleAsync(id, amount, cancellationToken)));
    }

    private static async Task<IResult> RecordPaymentAsync(
        int id,
        OfflinePaymentRequest body,
        RecordInvoicePayment handler,
        IDbContextFactory<InvoiceHubDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.FindInvoiceCurrencyAsync(id, cancellationToken) is not { } currency)
        {
            return ApiErrors.NotFound("invoice", id);
        }

        var input = new ApiInput();
        if (body.ToCommand(id, currency, input) is not { } command)
        {
            return input.Problem();
        }

        var result = await handler.HandleAsync(command, cancellationToken);
        return TypedResults.Created(
            $"/api/v1/invoices/{id}",
            new InvoicePaymentResponse(
                PaymentResponse.From(result.Payment),
                InvoiceResponse.From(result.Invoice),
                MoneyDto.From(result.AddedToBalance),
                result.CreditApplied.Select(CreditAppliedResponse.From).ToList()));
    }
}
