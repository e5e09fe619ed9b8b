using System.Text.Json.Serialization;
using InvoiceHub.Domain;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Api;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Clients;

public sealed record ClientResponse(int Id, string Name, string Email, string Currency, MoneyDto Balance)
{
    public static ClientResponse From(ClientView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.Name, view.Email, view.Currency.Code, MoneyDto.From(view.Balance));
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateClientRequest(string? Name, string? Email, string? Currency);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BalanceAdjustmentRequest(MoneyDto? Amount, string? Reason);

/// <summary><c>/api/v1/clients</c>: create, read, adjust the balance.</summary>
public static class ClientsApi
{
    public static RouteGroupBuilder MapClientsApi(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients");

        clients.MapPost("/", CreateAsync)
            .WithName("CreateClient")
            .WithSummary("Create a client")
            .WithDescription("Creates a client with an empty balance, billed in the given currency (default: the business currency).")
            .Produces<ClientResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        clients.MapGet("/{id:int}", GetAsync)
            .WithName("GetClient")
            .WithSummary("Get a client and their balance")
            .Produces<ClientResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapPost("/{id:int}/balance-adjustments", AdjustBalanceAsync)
            .WithName("AdjustClientBalance")
            .WithSummary("Adjust a client's balance")
            .WithDescription("A staff correction of either sign with a reason; the balance never goes below zero (409 when it would).")
            .Produces<ClientResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapPost("/{id:int}/mandates", () => ApiErrors.NotYetAvailable("online payments (Mollie mandates)"))
            .WithName("CreateClientMandate")
            .WithSummary("Create a direct debit mandate at Mollie (arrives with online payments)")
            .ProducesProblem(StatusCodes.Status501NotImplemented);
        return api;
    }

    private static async Task<IResult> CreateAsync(CreateClientRequest body, CreateClient handler, CancellationToken cancellationToken)
    {
        var input = new ApiInput();
        var name = input.RequiredText(body.Name, "name", "the client's name");
        var email = input.RequiredText(body.Email, "email", "the client's email address");
        Currency? currency = null;
        if (body.Currency is not null && !Currency.TryFromCode(body.Currency, out currency))
        {
            input.Add("currency", $"'{body.Currency}' is not a supported currency; use one of {string.Join(", ", Currency.All.Select(c => c.Code))}.");
        }

        if (!input.IsValid)
        {
            return input.Problem();
        }

        var client = await handler.HandleAsync(new CreateClientCommand(name!, email!, currency), cancellationToken);
        return TypedResults.Created($"/api/v1/clients/{client.Id}", ClientResponse.From(client));
    }

    private static async Task<IResult> GetAsync(int id, GetClient handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(ClientResponse.From(await handler.HandleAsync(id, cancellationToken)));

    private static async Task<IResult> AdjustBalanceAsync(
        int id,
        BalanceAdjustmentRequest body,
        AdjustClientBalance handler,
        IDbContextFactory<InvoiceHubDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.FindClientCurrencyAsync(id, cancellationToken) is not { } currency)
        {
            return ApiErrors.NotFound("client", id);
        }

        var input = new ApiInput();
        var amount = input.Money(body.Amount, currency, "amount", AmountRule.NonZero);
        var reason = input.RequiredText(body.Reason, "reason", "the reason for the adjustment");
        if (!input.IsValid)
        {
            return input.Problem();
        }

        var client = await handler.HandleAsync(id, amount!.Value, reason!, cancellationToken);
        return TypedResults.Created($"/api/v1/clients/{id}", ClientResponse.From(client));
    }
}
