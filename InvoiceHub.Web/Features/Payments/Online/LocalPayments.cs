using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Shell;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// A local payment written before Mollie is asked: its id is the idempotency key of the Mollie call; <see cref="Locale"/>
/// is Mollie's locale of the client's language (<c>es_ES</c>), so that Mollie's pages speak to the payer in it.
/// </summary>
public sealed record LocalDraft(int PaymentId, Money Amount, string Description, string Locale);

/// <summary>
/// The local side of an online payment: claiming documents for a new payment inside a money transaction, linking it to
/// Mollie's id, and giving up one that never reached Mollie.
/// </summary>
public sealed class LocalPayments(MoneyTransaction money, TimeProvider clock)
{
    /// <summary>
    /// Longer than the Mollie client's whole retry budget: a payment without a Mollie id that is younger may still be
    /// getting its checkout page for another request, and is not cancelled under it.
    /// </summary>
    public static readonly TimeSpan UnsentPaymentGivenUpAfter = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Claims one document for a new payment of <paramref name="amount"/> (null: all it still needs) and writes the
    /// payment. <paramref name="amountProblem"/> says why an amount cannot be paid on the document (the partial-payment rule).
    /// </summary>
    public Task<LocalDraft> CreateAsync(
        PayableKind kind,
        int documentId,
        PaymentMethod method,
        PaymentInitiator initiatedBy,
        Money? amount,
        Func<IPayableDocument, Money, string?>? amountProblem,
        CancellationToken cancellationToken) =>
        money.RunAsync("Start online payment", async (db, ct) =>
        {
            // The document is read before the open payments are looked for: a payment that commits after this read has
            // moved the document's Version on, so this save conflicts and the retry sees that payment.
            var document = await PayableDocuments.FindAsync(db, kind, documentId, ct) ?? throw NotFound();
            await EnsureNoOpenPaymentAsync(db, kind, documentId, PayText.PaymentJustStarted, ct);
            if (!document.IsPayable)
            {
                throw NotPayable(document);
            }

            if (amount is { } part && amountProblem?.Invoke(document, part) is { } problem)
            {
                throw new DomainException(document.AcceptsPartialPayment ? ErrorCodes.InvalidAmount : ErrorCodes.PaymentDoesNotCover, problem, "amount");
            }

            var now = clock.GetUtcNow();
            var client = await db.Clients.SingleAsync(c => c.Id == document.ClientId, ct);
            var payment = Payment.StartFor(client, document, amount ?? document.StillToPay, method, PaymentProvider.Mollie, initiatedBy, now);
            document.ClaimForOnlinePayment(now);
            db.Payments.Add(payment);
            await db.SaveChangesAsync(ct);
            return new LocalDraft(payment.Id, payment.Amount, document.Reference, Languages.Of(client.Language).MollieLocale);
        }, cancellationToken);

    /// <summary>
    /// Claims several open documents of one client for one payment of all they still need; no document is ever in two
    /// open payments (one open <see cref="PaymentDocument"/> row per document, and each document's Version moves on).
    /// </summary>
    public Task<LocalDraft> CreateForSeveralAsync(
        int clientId,
        IReadOnlyCollection<(PayableKind Kind, int Id)> chosen,
        PaymentMethod method,
        PaymentInitiator initiatedBy,
        CancellationToken cancellationToken) =>
        money.RunAsync("Start payment for several documents", async (db, ct) =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId, ct);
            // Read before the open payments are looked for (see CreateAsync).
            var documents = await PayableDocuments.FindManyAsync(db, chosen, ct);
            foreach (var (kind, id) in chosen)
            {
                await EnsureNoOpenPaymentAsync(db, kind, id, PayText.OneOfSeveralInProgress, ct);
            }

            if (documents.Count != chosen.Count || documents.Any(d => d.ClientId != clientId))
            {
                throw NotFound();
            }

            var now = clock.GetUtcNow();
            foreach (var document in documents)
            {
                if (!document.IsPayable)
                {
                    throw NotPayable(document);
                }

                document.ClaimForOnlinePayment(now);
            }

            var total = new Money(documents.Sum(d => d.StillToPay.Minor), client.Currency);
            var payment = Payment.Start(client, total, method, PaymentProvider.Mollie, initiatedBy, now);
            db.Payments.Add(payment);
            db.PaymentDocuments.AddRange(chosen.Select(d => new PaymentDocument(payment, d.Kind, d.Id)));
            await db.SaveChangesAsync(ct);
            var description = string.Join(", ", documents.Select(d => d.Reference));
            return new LocalDraft(payment.Id, payment.Amount, description.Length > 255 ? description[..252] + "..." : description,
                Languages.Of(client.Language).MollieLocale);
        }, cancellationToken);

    public Task LinkAsync(int paymentId, string providerPaymentId, CancellationToken cancellationToken) =>
        money.RunAsync("Link Mollie payment", async (db, ct) =>
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
            payment.AssignProviderId(providerPaymentId);
        }, cancellationToken);

    /// <summary>Cancels a payment Mollie never received (nobody can pay it), freeing its documents.</summary>
    public Task CancelUnsentAsync(int paymentId, CancellationToken cancellationToken) =>
        money.RunAsync("Cancel unsent payment", async (db, ct) =>
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
            if (payment.ProviderPaymentId is null && payment.Status == PaymentStatus.Open)
            {
                payment.ApplyStatus(PaymentStatus.Canceled, clock.GetUtcNow());
                await CloseDocumentsAsync(db, paymentId, ct);
            }
        }, cancellationToken);

    /// <summary>A payment that can no longer be paid frees the documents it covered.</summary>
    public static async Task CloseDocumentsAsync(InvoiceHubDbContext db, int paymentId, CancellationToken ct)
    {
        foreach (var document in await db.PaymentDocuments.Where(d => d.PaymentId == paymentId && d.Open).ToListAsync(ct))
        {
            document.Close();
        }
    }

    private static async Task EnsureNoOpenPaymentAsync(InvoiceHubDbContext db, PayableKind kind, int documentId, string message, CancellationToken ct)
    {
        if (await PayableDocuments.OpenOnlinePayments(db, kind, documentId).AnyAsync(ct)
            || await PayableDocuments.OpenInSeveral(db, kind, documentId).AnyAsync(ct))
        {
            throw new PaymentRefusedException(message);
        }
    }

    public static PaymentRefusedException NotFound() => new(PayText.DocumentNotFound);

    private static PaymentRefusedException NotPayable(IPayableDocument document) =>
        new(string.Format(CultureInfo.CurrentCulture, PayText.NotPayableOnline, document.Reference, StatusNames.Label(document.StatusName).ToLower(CultureInfo.CurrentCulture)));
}
