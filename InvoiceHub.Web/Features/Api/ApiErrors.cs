using InvoiceHub.Domain.Common;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Errors;

namespace InvoiceHub.Web.Features.Api;

/// <summary>How the API reports what the use cases refuse, as RFC 9457 problem details.</summary>
public static class ApiErrors
{
    /// <summary>Refusals that depend on the state of a document or balance, not on the request alone: 409.</summary>
    private static readonly HashSet<string> Conflicts = new(StringComparer.Ordinal)
    {
        ErrorCodes.InvoiceNotDraft,
        ErrorCodes.InvoiceNotOpen,
        ErrorCodes.InvoiceAlreadyVoid,
        ErrorCodes.CreditRequestNotOpen,
        ErrorCodes.PayFromCreditDisabled,
        ErrorCodes.InsufficientBalance,
        ErrorCodes.NoBalance,
        ErrorCodes.AllocationExceedsStillToPay,
        ErrorCodes.PaymentAlreadyRecorded,
        ErrorCodes.PaymentNotPaid,
        ErrorCodes.InvalidPaymentTransition,
        ErrorCodes.ProviderIdAlreadySet,
        ErrorCodes.RefundExceedsPaid,
        ErrorCodes.RefundExceedsRefundable,
        ErrorCodes.RefundNotPossible,
        ErrorCodes.InvoiceNotCreditable,
        ErrorCodes.DuplicateEmail,
    };

    public static bool IsConflict(string code) => Conflicts.Contains(code);

    public static IResult From(DomainException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var extensions = new Dictionary<string, object?> { ["code"] = ex.Code };
        if (IsConflict(ex.Code))
        {
            if (ex.Field is not null)
            {
                extensions["field"] = ex.Field;
            }

            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state", extensions: extensions);
        }

        if (ex.Field is not null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [ex.Field] = [ex.Message] },
                detail: ex.Message,
                title: "The request is not valid",
                extensions: extensions);
        }

        return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", extensions: extensions);
    }

    public static IResult NotFound(string kind, int id) =>
        TypedResults.Problem($"There is no {kind} with id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>Turns refusals thrown by the use cases into problem details, so that endpoints only describe the happy path.</summary>
    public sealed class Filter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            try
            {
                return await next(context);
            }
            catch (DomainException ex)
            {
                return From(ex);
            }
            catch (NotFoundException ex)
            {
                return NotFound(ex.Kind, ex.Id);
            }
            catch (DatabaseBusyException ex)
            {
                context.HttpContext.Response.Headers.RetryAfter = DatabaseBusyException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database busy");
            }
            catch (Exception ex) when (MoneyTransaction.IsTransient(ex))
            {
                // The runner already retried; many concurrent changes to one client still won.
                return TypedResults.Problem(
                    "The client or document was changed by several requests at once and this one could not get through; send it again.",
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Concurrent change");
            }
        }
    }
}
