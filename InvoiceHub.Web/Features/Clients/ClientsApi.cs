using System.Text.Json.Serialization;
using InvoiceHub.Domain;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Api;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Clients;

public sealed record ClientResponse(int Id, string Name, string Email, string Currency, MoneyDto Balance, string Address, string VatNumber, string Language)
{
    public static ClientResponse From(ClientView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.Name, view.Email, view.Currency.Code, MoneyDto.From(view.Balance), view.Address, view.VatNumber, view.Language);
    }
}

/// <summary>A new client; <c>address</c> (lines separated by \n) and <c>vatNumber</c> are printed on their invoices when given.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateClientRequest(string? Name, string? Email, string? Currency, string? Address = null, string? VatNumber = null, string? Language = null);

/// <summary>A client's new name, email and billing details; an address or vatNumber left out is cleared.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdateClientRequest(string? Name, string? Email, string? Address = null, string? VatNumber = null, string? Language = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BalanceAdjustmentRequest(MoneyDto? Amount, string? Reason);

/// <summary><c>/api/v1/clients</c>: create, change, read, adjust the balance.</summary>
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
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapPut("/{id:int}", UpdateAsync)
            .WithName("UpdateClient")
            .WithSummary("Change a client's name, email and billing details")
            .WithDescription("Replaces name, email, address and vatNumber; the currency and balance stay. Another client's email is refused (409 duplicate_email).")
            .Produces<ClientResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

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

        clients.MapPost("/{id:int}/mandates", CreateMandateAsync)
            .WithName("CreateClientMandate")
            .WithSummary("Register a SEPA direct debit mandate for the client at Mollie")
            .WithDescription("Creates the client's Mollie customer when needed, then the mandate (method directdebit, account holder's name and IBAN).")
            .Produces<MandateResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
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
            input.Add("currency", ProblemText.Format(ApiText.FieldCurrencyUnsupported, body.Currency, string.Join(", ", Currency.All.Select(c => c.Code))));
        }

        if (!input.IsValid)
        {
            return input.Problem();
        }

        var client = await handler.HandleAsync(new CreateClientCommand(name!, email!, currency, body.Address, body.VatNumber, body.Language), cancellationToken);
        return TypedResults.Created($"/api/v1/clients/{client.Id}", ClientResponse.From(client));
    }

    private static async Task<IResult> UpdateAsync(int id, UpdateClientRequest body, UpdateClient handler, CancellationToken cancellationToken)
    {
        var input = new ApiInput();
        var name = input.RequiredText(body.Name, "name", "the client's name");
        var email = input.RequiredText(body.Email, "email", "the client's email address");
        if (!input.IsValid)
        {
            return input.Problem();
        }

        var client = await handler.HandleAsync(new UpdateClientCommand(id, name!, email!, body.Address, body.VatNumber, body.Language), cancellationToken);
        return TypedResults.Ok(ClientResponse.From(client));
    }

    private static async Task<IResult> CreateMandateAsync(
        int id,
        CreateMandateBody body,
        Payments.ClientMandates mandates,
        IDbContextFactory<InvoiceHubDbContext> dbFactory,
        CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.FindClientCurrencyAsync(id, cancellationToken) is null)
            {
                return ApiErrors.NotFound("client", id);
            }
        }

        var input = new ApiInput();
        var method = input.RequiredText(body.Method, "method", "the mandate method (directdebit)");
        if (method is not null && method != "directdebit")
        {
            input.Add("method", ApiText.FieldOnlyDirectDebitMandates);
        }

        var name = input.RequiredText(body.ConsumerName, "consumerName", "the account holder's name");
        var account = input.RequiredText(body.ConsumerAccount, "consumerAccount", "the IBAN to debit");
        if (account is not null && !Iban.IsValid(account))
        {
            input.Add("consumerAccount", ApiText.ErrorInvalidIban);
        }

        if (!input.IsValid)
        {
            return input.Problem();
        }

        try
        {
            var mandate = await mandates.CreateDirectDebitMandateAsync(id, name!, account!, cancellationToken);
            return TypedResults.Created($"/api/v1/clients/{id}/mandates/{mandate.Id}", MandateResponse.From(mandate));
        }
        catch (Integrations.Mollie.MollieException ex) when (!ex.IsTransient)
        {
            input.Add(ex.Field ?? "consumerAccount", ex.UserMessage);
            return input.Problem();
        }
        catch (Integrations.Mollie.MollieException ex)
        {
            return Results.Problem(ex.UserMessage, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Mollie unavailable");
        }
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

[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateMandateBody(string? Method, string? ConsumerName, string? ConsumerAccount);

/// <summary>A mandate as Mollie holds it.</summary>
public sealed record MandateResponse(string Id, string Status, string Method, string? ConsumerName, string? ConsumerAccount, string? MandateReference, string? SignatureDate, DateTimeOffset CreatedAt)
{
    public static MandateResponse From(Integrations.Mollie.MollieMandate mandate)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        return new(mandate.Id, mandate.Status.ToString().ToLowerInvariant(), mandate.Method, mandate.Details?.ConsumerName, mandate.Details?.ConsumerAccount,
            mandate.MandateReference, mandate.SignatureDate, mandate.CreatedAt);
    }
}
