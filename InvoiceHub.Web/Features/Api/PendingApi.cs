using Microsoft.AspNetCore.Authorization;

namespace InvoiceHub.Web.Features.Api;

/// <summary>
/// Calls of the API contract whose features are still being built (online payments, outbox, jobs): they are
/// routed, authorised and documented now and answer 501 with the reason, so clients can see the whole contract.
/// </summary>
public static class PendingApi
{
    public static RouteGroupBuilder MapPendingApi(this RouteGroupBuilder api, AuthorizationPolicy adminOnly)
    {
        api.MapGet("/outbox", () => ApiErrors.NotYetAvailable("email delivery (the outbox)"))
            .RequireAuthorization(adminOnly)
            .WithTags("Outbox")
            .WithName("ListOutbox")
            .WithSummary("Emails queued or sent (Admin key; arrives with email delivery)")
            .ProducesProblem(StatusCodes.Status501NotImplemented);

        api.MapGet("/jobs", () => ApiErrors.NotYetAvailable("background jobs"))
            .RequireAuthorization(adminOnly)
            .WithTags("Jobs")
            .WithName("ListJobs")
            .WithSummary("Recurring jobs with last and next run (Admin key; arrives with background jobs)")
            .ProducesProblem(StatusCodes.Status501NotImplemented);

        api.MapPost("/jobs/{name}/run", (string name) => ApiErrors.NotYetAvailable("background jobs"))
            .RequireAuthorization(adminOnly)
            .WithTags("Jobs")
            .WithName("RunJob")
            .WithSummary("Run a job now and wait for it (Admin key; arrives with background jobs)")
            .ProducesProblem(StatusCodes.Status501NotImplemented);

        return api;
    }
}
