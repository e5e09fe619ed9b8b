using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.CreditNotes;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.CreditNotes;

/// <summary>Issues credit notes for tests through the app's own handler.</summary>
public static class CreditNoteData
{
    public static async Task<CreditNoteView> IssueAsync(InvoiceHubFactory app, CreditNoteCommand command)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IssueCreditNote>().HandleAsync(command)).CreditNote;
    }

    /// <summary>A credit note of <paramref name="amountMinor"/> on an issued invoice, paid money (if any) onto the balance.</summary>
    public static Task<CreditNoteView> CreditAsync(InvoiceHubFactory app, int invoiceId, long amountMinor) =>
        IssueAsync(app, new CreditNoteCommand(invoiceId, null, amountMinor, PaidMoneyDestination.Balance, null, "finance"));
}
