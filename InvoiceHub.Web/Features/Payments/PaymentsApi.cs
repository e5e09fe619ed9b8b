using System.Security.Claims;
using System.Text.Json.Serialization;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Api;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

public sealed record RefundResponse(
    int Id,
    int PaymentId,
    MoneyDto Amount,
    string Destination,
    string Status,
    string? MollieId,
    string Reason,
    string RequestedBy,
    string? FailureReason,
    DateTimeOffset CreatedAt)
{
    public static RefundResponse From(RefundView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.PaymentId, MoneyDto.From(view.Amount), view.Destination.ToString().ToLowerInvariant(), view.Status.ToString().ToLowerInvariant(),
            view.ProviderRefundId, view.Reason, view.RequestedBy, view.FailureReason, view.CreatedAt);
    }
}

/// <summary>A payment with what may still be refunded and its refunds.</summary>
public sealed record PaymentDetailResponse(PaymentResponse Payment, MoneyDto RefundableToPayer, MoneyDto RefundableToBalance, IReadOnlyList<RefundResponse> Refunds);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RefundRequest(MoneyDto? Amount, string? Destination, string? Reason);

/// <summary><c>/api/v1/payments</c>: a payment and its refunds; refunds to the payer (Mollie) or onto the client's balance.</summary>
public static class PaymentsApi
{
    public static RouteGroupBuilder MapPaymentsApi(this RouteGroupBuilder api)
    {
        var payments = api.MapGroup("/payments").WithTags("Payments");

        payments.MapGet("/{id:int}", GetAsync)
            .WithName("GetPayment")
            .WithSummary("Get a payment with its refunds and what may still be refunded")
            .Produces<PaymentDetailResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        payments.MapPost("/{id:int}/refunds", RefundAsync)
            .WithName("RefundPayment")
            .WithSummary("Refund (part of) a paid payment to the payer through Mollie, or onto the client's balance")
            .WithDescription(
                "amount defaults to the most that may be refunded to that destination; reason is required. The refund takes the amount off what " +
                "the payment settled (its money still on the balance first, then its invoices, which open again). Send an Idempotency-Key header " +
                "to make a retry safe: the same key answers the same refund.")
            .Produces<RefundResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> GetAsync(int id, PaymentRefunds refunds, IDbContextFactory<InvoiceHubDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payment is null)
        {
            return ApiErrors.NotFound("payment", id);
        }

        var refundable = await refunds.RefundableAsync(id, cancellationToken);
        var list = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PaymentDetailResponse(
            PaymentResponse.From(PaymentView.From(payment)),
            MoneyDto.From(refundable.ToPayer),
            MoneyDto.From(refundable.ToBalance),
            list.Select(r => RefundResponse.From(RefundView.From(r))).ToList()));
    }

    private static async Task<IResult> RefundAsync(
        int id,
        RefundRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        PaymentRefunds refunds,
        IDbContextFactory<InvoiceHubDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Payments.AnyAsync(p => p.Id == id, cancellationToken))
            {
                return ApiErrors.NotFound("payment", id);
            }
        }

        var input = new ApiInput();
        RefundDestination? destination = body.Destination?.Trim().ToLowerInvariant() switch
        {
            "payer" => RefundDestination.Payer,
            "balance" => RefundDestination.Balance,
            _ => null,
        };
        if (destination is null)
        {
            input.Add("destination", ApiText.FieldRefundDestination);
        }

        var reason = input.RequiredText(body.Reason, "reason", "the reason for the refund");
        if (idempotencyKey is { Length: > Refund.MaxRequestKeyLength })
        {
            input.Add("Idempotency-Key", ProblemText.Format(ApiText.FieldIdempotencyKeyTooLong, Refund.MaxRequestKeyLength));
        }

        if (!input.IsValid)
        {
            return input.Problem();
        }

        var refundable = await refunds.RefundableAsync(id, cancellationToken);
        var maximum = destination == RefundDestination.Payer ? refundable.ToPayer : refundable.ToBalance;
        var amount = body.Amount is null ? maximum : input.Money(body.Amount, maximum.Currency, "amount", AmountRule.Positive);
        if (!input.IsValid || amount is null)
        {
            return input.Problem();
        }

        try
        {
            var refund = await refunds.RefundAsync(
                new RefundCommand(id, amount.Value, destination!.Value, reason, "API key " + (user.Identity?.Name ?? "?"), idempotencyKey),
                cancellationToken);
            return TypedResults.Created($"/api/v1/payments/{id}", RefundResponse.From(refund));
        }
        catch (RefundRefusedException ex)
        {
            return TypedResults.Problem(
                ex.Message,
                statusCode: ex.ProviderUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status409Conflict,
                title: ex.ProviderUnavailable ? "Mollie is not answering" : "Mollie refused the refund",
                extensions: new Dictionary<string, object?> { ["code"] = ex.Pending ? "refund_pending" : "refund_refused" });
        }
    }
}
