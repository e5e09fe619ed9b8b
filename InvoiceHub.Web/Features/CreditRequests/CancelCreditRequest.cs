using InvoiceHub.Web.Data;

namespace InvoiceHub.Web.Features.CreditRequests;

/// <summary>Withdraws an Open credit request; a paid or cancelled one stays as it is.</summary>
public sealed class CancelCreditRequest(MoneyTransaction transaction, TimeProvider clock)
{
    public async Task<CreditRequestView> HandleAsync(int creditRequestId, CancellationToken cancellationToken = default)
    {
        var request = await transaction.RunAsync("cancel credit request", async (db, ct) =>
        {
            var request = await db.LoadCreditRequestAsync(creditRequestId, ct);
            request.Cancel(clock.GetUtcNow());
            return request;
        }, cancellationToken);
        return CreditRequestView.From(request, []);
    }
}
