using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.CreditNotes;
using InvoiceHub.Web.Features.CreditRequests;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Jobs.EmailDelivery;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;

namespace InvoiceHub.Web.Features.Api;

/// <summary>The REST API under <c>/api/v1</c>: API-key (bearer) authentication, problem details, bounded request bodies.</summary>
public static class ApiRegistration
{
    public const string Prefix = "/api/v1";
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Staff keys only (Admin or Finance), and only through the API key: a browser cookie does not reach the API.</summary>
    public static readonly AuthorizationPolicy StaffKey =
        new AuthorizationPolicyBuilder(ApiKeys.Scheme).RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Finance).Build();

    public static readonly AuthorizationPolicy AdminKey =
        new AuthorizationPolicyBuilder(ApiKeys.Scheme).RequireAuthenticatedUser().RequireRole(Roles.Admin).Build();

    public static IServiceCollection AddInvoiceHubApi(this IServiceCollection services)
    {
        services.AddExceptionHandler<ApiBadRequestHandler>();
        // Malformed bodies throw instead of answering a bare 400, so that ApiBadRequestHandler can say what is wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddDocumentTransformer<ApiKeySecurityScheme>());
        return services;
    }

    public static WebApplication MapInvoiceHubApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Prefix), api => api.Use(LimitBodySize));

        var v1 = app.MapGroup(Prefix)
            .RequireAuthorization(StaffKey)
            .AddEndpointFilter<ApiErrors.Filter>()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxRequestBodyBytes));

        v1.MapClientsApi();
        v1.MapInvoicesApi();
        v1.MapCreditNotesApi();
        v1.MapCreditRequestsApi();
        v1.MapPaymentsApi();
        Receipts.ReceiptsRegistration.MapReceiptsApi(v1);
        v1.MapSettingsApi(AdminKey);
        v1.MapJobsApi(AdminKey);
        v1.MapOutboxApi(AdminKey);
        return app;
    }

    /// <summary>A declared length over the limit is refused before the body is read; the server feature bounds streamed bodies.</summary>
    private static Task LimitBodySize(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength > MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Results.Problem(
                $"The request body is larger than the API accepts ({MaxRequestBodyBytes / 1024} KB).",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request too large").ExecuteAsync(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBodyBytes;
        }

        return next(context);
    }
}
