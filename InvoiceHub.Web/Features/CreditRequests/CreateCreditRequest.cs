using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;

namespace InvoiceHub.Web.Features.CreditRequests;

public sealed record CreateCreditRequestCommand(int ClientId, Money Amount, string Description, DateOnly? DueDate = null);

/// <summary>Asks a client to top up their balance by an amount (an Open credit request).</summary>
public sealed class CreateCreditRequest(MoneyTransaction transaction, TimeProvider clock)
{
    public async Task<CreditRequestView> HandleAsync(CreateCreditRequestCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = await transaction.RunAsync("create credit request", async (db, ct) =>
        {
            var client = await db.LoadClientAsync(command.ClientId, ct);
            var request = CreditRequest.Create(client, command.Amount, command.Description, command.DueDate, clock.GetUtcNow());
            db.CreditRequests.Add(request);
            return request;
        }, cancellationToken);
        return CreditRequestView.From(request, []);
    }
}
