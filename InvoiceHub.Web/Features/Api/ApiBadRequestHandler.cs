using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace InvoiceHub.Web.Features.Api;

/// <summary>
/// A request body that is not JSON, has the wrong types or is too large is the caller's mistake: 400 (or 413)
/// problem details that name the JSON path at fault, never a 500. Route handlers throw these
/// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>) so that the reason reaches the caller.
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

        var problem = bad.InnerException is JsonException json
            ? new ValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json.Path)] = [ReasonOf(json)] })
            {
                Detail = $"The request body could not be read as JSON at {FieldOf(json.Path)}: {ReasonOf(json)}",
            }
            : new ProblemDetails
            {
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"The request body is larger than the API accepts ({ApiRegistration.MaxRequestBodyBytes / 1024} KB)."
                    : $"The request could not be read: {bad.Message}",
            };
        problem.Status = bad.StatusCode;
        problem.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "The request is not valid";
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
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : string.Empty;
        return "the body is not well-formed JSON or a value has the wrong type" + where +
               "; amounts are {\"currency\":\"EUR\",\"value\":\"12.50\"}, dates yyyy-MM-dd, ids whole numbers.";
    }
}
