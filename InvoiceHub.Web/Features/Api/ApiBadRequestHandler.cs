using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace InvoiceHub.Web.Features.Api;

/// <summary>
/// A request body that is not JSON, has the wrong types or is too large is the caller's mistake: 400 (or 413)
/// problem details that name the JSON path at fault, never a 500. Route handlers throw these
/// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>) so that the reason reaches the caller, in the caller's language.
/// </summary>
public sealed class ApiBadRequestHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // The exception handler runs outside the localization middleware: the request's language is set again here.
        using var language = Languages.Use(ProblemText.LanguageOf(httpContext));
        var problem = bad.InnerException is JsonException json
            ? new ValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json.Path)] = [ReasonOf(json)] })
            {
                Detail = ProblemText.Format(ApiText.BodyNotJson, FieldOf(json.Path), ReasonOf(json)),
            }
            : new ProblemDetails
            {
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? ProblemText.Format(ApiText.BodyTooLarge, ApiRegistration.MaxRequestBodyBytes / 1024)
                    : ProblemText.Format(ApiText.RequestUnreadable, bad.Message),
            };
        problem.Status = bad.StatusCode;
        problem.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ApiText.TitleRequestTooLarge : ApiText.TitleInvalidRequest;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary><c>$.lines[0].unitPrice</c> → <c>lines[0].unitPrice</c>; the body itself is <c>body</c>.</summary>
    private static string FieldOf(string? path)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    private static string ReasonOf(JsonException json)
    {
        var where = json.LineNumber is { } line ? ProblemText.Format(ApiText.JsonPosition, line + 1, json.BytePositionInLine + 1) : string.Empty;
        return ProblemText.Format(ApiText.JsonReason, where);
    }
}
