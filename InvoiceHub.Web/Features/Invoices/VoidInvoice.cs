using InvoiceHub.Domain.Credit;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>Voids an invoice; everything allocated to it (payments and credit) goes back to the client's balance.</summary>
public sealed class VoidInvoice(MoneyTransaction transaction, TimeProvider clock)
{
    public async Task<InvoiceView> HandleAsync(int invoiceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var invoice = await transaction.RunAsync("void invoice", async (db, ct) =>
        {
            var (invoice, client) = await db.LoadInvoiceWithClientAsync(invoiceId, ct);
            CreditRules.Void(client, invoice, clock.GetUtcNow(), reason);
            return invoice;
        }, cancellationToken);
        return InvoiceView.From(invoice);
    }
}
