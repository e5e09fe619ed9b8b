using InvoiceHub.Domain.Common;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Api;

/// <summary>How the API reports what the use cases refuse, as RFC 9457 problem details in the caller's language (<see cref="ProblemText"/>).</summary>
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

            return TypedResults.Problem(ProblemText.Of(ex), statusCode: StatusCodes.Status409Conflict, title: ApiText.TitleConflict, extensions: extensions);
        }

        var message = ProblemText.Of(ex);
        if (ex.Field is not null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [ex.Field] = [message] },
                detail: message,
                title: ApiText.TitleInvalidRequest,
                extensions: extensions);
        }

        return TypedResults.Problem(message, statusCode: StatusCodes.Status400BadRequest, title: ApiText.TitleInvalidRequest, extensions: extensions);
    }

    public static IResult NotFound(string kind, int id) =>
        TypedResults.Problem(ProblemText.Format(ApiText.NoSuchResource, kind, id), statusCode: StatusCodes.Status404NotFound, title: ApiText.TitleNotFound);

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
                return TypedResults.Problem(ProblemText.EnglishOr(ex.Message, ApiText.DatabaseBusy), statusCode: StatusCodes.Status503ServiceUnavailable, title: ApiText.TitleDatabaseBusy);
            }
            catch (Exception ex) when (MoneyTransaction.IsTransient(ex))
            {
                // The runner already retried; many concurrent changes to one client still won.
                return TypedResults.Problem(ApiText.ConcurrentChange, statusCode: StatusCodes.Status409Conflict, title: ApiText.TitleConcurrentChange);
            }
        }
    }
}
