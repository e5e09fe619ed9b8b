using System.Security.Claims;
using System.Text.Json.Serialization;
using InvoiceHub.Web.Features.Api;

namespace InvoiceHub.Web.Features.Settings;

public sealed record SettingsResponse(bool OnlineInvoicePayment, bool ClientLogin, bool AutomaticallyMarkInvoicesPaid, bool AutoCharge)
{
    public static SettingsResponse From(SettingsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.OnlineInvoicePayment, snapshot.ClientLogin, snapshot.AutomaticallyMarkInvoicesPaid, snapshot.AutoCharge);
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SettingsRequest(bool? OnlineInvoicePayment, bool? ClientLogin, bool? AutomaticallyMarkInvoicesPaid, bool? AutoCharge);

/// <summary><c>/api/v1/settings</c>: the General Accounting Settings; staff read them, Admins change them.</summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api, Microsoft.AspNetCore.Authorization.AuthorizationPolicy adminOnly)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings");

        settings.MapGet("/", async (SettingsService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(SettingsResponse.From(await service.GetAsync(cancellationToken))))
            .WithName("GetSettings")
            .WithSummary("Get the General Accounting Settings");

        settings.MapPut("/", UpdateAsync)
            .RequireAuthorization(adminOnly)
            .WithName("UpdateSettings")
            .WithSummary("Change the General Accounting Settings (Admin key)")
            .Produces<SettingsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> UpdateAsync(SettingsRequest body, SettingsService service, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var input = new ApiInput();
        var online = input.Required(body.OnlineInvoicePayment, "onlineInvoicePayment", "onlineInvoicePayment (true or false)");
        var login = input.Required(body.ClientLogin, "clientLogin", "clientLogin (true or false)");
        var autoMark = input.Required(body.AutomaticallyMarkInvoicesPaid, "automaticallyMarkInvoicesPaid", "automaticallyMarkInvoicesPaid (true or false)");
        var autoCharge = input.Required(body.AutoCharge, "autoCharge", "autoCharge (true or false)");
        if (!input.IsValid)
        {
            return input.Problem();
        }

        service.Invalidate();
        var current = await service.GetAsync(cancellationToken);
        var updated = await service.UpdateAsync(
            current with
            {
                OnlineInvoicePayment = online!.Value,
                ClientLogin = login!.Value,
                AutomaticallyMarkInvoicesPaid = autoMark!.Value,
                AutoCharge = autoCharge!.Value,
            },
            changedBy: user.Identity?.Name ?? "API",
            cancellationToken);
        return TypedResults.Ok(SettingsResponse.From(updated));
    }
}
