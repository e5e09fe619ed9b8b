using System.Text.Json.Serialization;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Api;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditRequests;

/// <summary>A credit request in API responses; <see cref="PaymentUrl"/> is a fresh payment link while the request is Open (create and get).</summary>
public sealed record CreditRequestResponse(
    int Id,
    int ClientId,
    string Status,
    MoneyDto Amount,
    string Description,
    DateOnly? DueDate,
    string? PaymentUrl,
    IReadOnlyList<PaymentResponse> Payments)
{
    public static CreditRequestResponse From(CreditRequestView view, string? paymentUrl = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.ClientId, view.Status.ToString(), MoneyDto.From(view.Amount), view.Description, view.DueDate,
            PaymentUrl: paymentUrl, view.Payments.Select(PaymentResponse.From).ToList());
    }
}

public sealed record CreditRequestPaymentResponse(PaymentResponse Payment, CreditRequestResponse CreditRequest, MoneyDto Balance, IReadOnlyList<CreditAppliedResponse> CreditApplied);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateCreditRequestRequest(int? ClientId, MoneyDto? Amount, string? Description, DateOnly? DueDate);

/// <summary><c>/api/v1/credit-requests</c>: ask a client to top up their balance, record what they paid.</summary>
public static class CreditRequestsApi
{
    public static RouteGroupBuilder MapCreditRequestsApi(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/credit-requests").WithTags("Credit requests");

        requests.MapPost("/", CreateAsync)
            .WithName("CreateCreditRequest")
            .WithSummary("Create a credit request (ask a client to top up their balance)")
            .Produces<CreditRequestResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        requests.MapGet("/{id:int}", GetAsync)
            .WithName("GetCreditRequest")
            .WithSummary("Get a credit request with its payments")
            .Produces<CreditRequestResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        requests.MapPost("/{id:int}/payments", RecordPaymentAsync)
            .WithName("RecordCreditRequestPayment")
            .WithSummary("Record an offline payment (cash, cheque, bank transfer) for an open credit request")
            .WithDescription("The request becomes Paid and the money goes to the balance; with the setting on, the new credit pays open invoices, oldest due first.")
            .Produces<CreditRequestPaymentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> CreateAsync(
        CreateCreditRequestRequest body,
        CreateCreditRequest handler,
        IDbContextFactory<InvoiceHubDbContext> dbFactory,
        PaymentLinks.PaymentLinks links,
        HttpRequest httpRequest,
        CancellationToken cancellationToken)
    {
        var input = new ApiInput();
        var clientId = input.Required(body.ClientId, "clientId", "the id of the client");
        var description = input.RequiredText(body.Description, "description", "a description of the credit request");
        if (clientId is null)
        {
            return input.Problem();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.FindClientCurrencyAsync(clientId.Value, cancellationToken) is not { } currency)
        {
            return ApiErrors.NotFound("client", clientId.Value);
        }

        var amount = input.Money(body.Amount, currency, "amount", AmountRule.Positive);
        if (!input.IsValid)
        {
            return input.Problem();
        }

        var request = await handler.HandleAsync(new CreateCreditRequestCommand(clientId.Value, amount!.Value, description!, body.DueDate), cancellationToken);
        return TypedResults.Created($"/api/v1/credit-requests/{request.Id}", await WithLinkAsync(request, links, httpRequest, cancellationToken));
    }

    private static async Task<IResult> GetAsync(int id, GetCreditRequest handler, PaymentLinks.PaymentLinks links, HttpRequest httpRequest, CancellationToken cancellationToken) =>
        TypedResults.Ok(await WithLinkAsync(await handler.HandleAsync(id, cancellationToken), links, httpRequest, cancellationToken));

    private static async Task<CreditRequestResponse> WithLinkAsync(CreditRequestView view, PaymentLinks.PaymentLinks links, HttpRequest httpRequest, CancellationToken cancellationToken) =>
        CreditRequestResponse.From(view, await links.ForApiAsync(PayableKind.CreditRequest, view.Id, view.Status == Domain.CreditRequests.CreditRequestStatus.Open, httpRequest, cancellationToken));

    private static async Task<IResult> RecordPaymentAsync(
        int id,
        OfflinePaymentRequest body,
        RecordCreditRequestPayment handler,
        IDbContextFactory<InvoiceHubDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.FindCreditRequestCurrencyAsync(id, cancellationToken) is not { } currency)
        {
            return ApiErrors.NotFound("credit request", id);
        }

        var input = new ApiInput();
        if (body.ToCommand(id, currency, input) is not { } command)
        {
            return input.Problem();
        }

        var result = await handler.HandleAsync(command, cancellationToken);
        return TypedResults.Created(
            $"/api/v1/credit-requests/{id}",
            new CreditRequestPaymentResponse(
                PaymentResponse.From(result.Payment),
                CreditRequestResponse.From(result.CreditRequest),
                MoneyDto.From(result.Balance),
                result.CreditApplied.Select(CreditAppliedResponse.From).ToList()));
    }
}
