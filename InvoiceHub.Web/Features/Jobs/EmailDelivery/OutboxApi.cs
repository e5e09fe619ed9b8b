using InvoiceHub.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Jobs.EmailDelivery;

public sealed record OutboxEmailDto(string To, string Subject, string Kind, string Status, DateTimeOffset CreatedAt);

/// <summary><c>GET /outbox?to=</c>: emails queued or sent, newest first (Admin key).</summary>
public static class OutboxApi
{
    public const int MaxRows = 500;

    public static RouteGroupBuilder MapOutboxApi(this RouteGroupBuilder api, AuthorizationPolicy adminOnly)
    {
        api.MapGet("/outbox", async (string? to, IDbContextFactory<InvoiceHubDbContext> dbFactory, CancellationToken ct) =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var query = db.Outbox.AsNoTracking();
                if (!string.IsNullOrWhiteSpace(to))
                {
                    var address = to.Trim();
                    query = query.Where(m => m.To == address);
                }
                var rows = await query.OrderByDescending(m => m.Id).Take(MaxRows)
                    .Select(m => new { m.To, m.Subject, m.Kind, m.Status, m.CreatedAt })
                    .ToListAsync(ct);
                return TypedResults.Ok(rows.Select(m => new OutboxEmailDto(m.To, m.Subject, m.Kind, m.Status.ToString(), m.CreatedAt)).ToList());
            })
            .RequireAuthorization(adminOnly)
            .WithTags("Outbox")
            .WithName("ListOutbox")
            .WithSummary($"Emails queued or sent, newest first, at most {MaxRows}; ?to= filters by recipient (Admin key)");
        return api;
    }
}
