using Microsoft.AspNetCore.Authorization;

namespace InvoiceHub.Web.Features.Jobs;

public sealed record JobDto(string Name, DateTimeOffset? LastRunAt, DateTimeOffset? NextRunAt, string? LastOutcome);

public sealed record JobRunDto(string Name, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Outcome, int Processed, int Failures, string? Message);

/// <summary><c>GET /jobs</c> and <c>POST /jobs/{name}/run</c> (Admin key).</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api, AuthorizationPolicy adminOnly)
    {
        api.MapGet("/jobs", async (JobsService jobs, CancellationToken ct) =>
                TypedResults.Ok((await jobs.ListAsync(0, ct)).Select(j => new JobDto(j.Name, j.LastRunAt, j.NextRunAt, j.LastOutcome)).ToList()))
            .RequireAuthorization(adminOnly)
            .WithTags("Jobs")
            .WithName("ListJobs")
            .WithSummary("Recurring jobs with last and next run and the last outcome (Admin key)");

        api.MapPost("/jobs/{name}/run", async Task<IResult> (string name, JobsService jobs, CancellationToken ct) =>
            {
                if (JobCatalog.Find(name) is null)
                {
                    return TypedResults.Problem(new JobNotFoundException(name).Message, statusCode: StatusCodes.Status404NotFound, title: "No such job");
                }
                var run = await jobs.RunNowAsync(name, cancellationToken: ct);
                return TypedResults.Ok(new JobRunDto(name, run.StartedAt, run.FinishedAt, run.Outcome, run.Processed, run.Failures, run.Message));
            })
            .RequireAuthorization(adminOnly)
            .WithTags("Jobs")
            .WithName("RunJob")
            .WithSummary("Run a job now and wait for it to finish (Admin key)")
            .Produces<JobRunDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
