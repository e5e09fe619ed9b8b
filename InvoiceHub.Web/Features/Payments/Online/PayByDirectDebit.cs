using System.Globalization;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Integrations.Mollie;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>What the payer gives to pay by SEPA Direct Debit at Pay Now.</summary>
public sealed record DirectDebitAuthorisation(string? AccountHolder, string? Iban, bool MandateAccepted);

/// <summary>
/// Direct Debit at Pay Now. Mollie refuses a one-off <c>directdebit</c> payment: the payer signs a SEPA mandate here
/// (account holder, IBAN, the mandate text accepted), InvoiceHub registers it at Mollie on the client's customer and
/// charges the document with a recurring direct debit on it (<see cref="ChargeMandate"/>): pending for days, then
/// paid or failed through the webhook.
/// </summary>
public sealed class PayByDirectDebit(SettingsService settings, ClientMandates mandates, ChargeMandate charge, ILogger<PayByDirectDebit> logger)
{
    /// <summary>The SEPA Core mandate text the payer accepts (the EPC's wording, with the creditor's name).</summary>
    public static string MandateText(string creditor) => string.Format(CultureInfo.CurrentCulture, PayText.MandateText, creditor);

    public Task<SyncOutcome> HandleAsync(PayableKind kind, int documentId, int clientId, DirectDebitAuthorisation authorisation, Uri publicBaseUri,
        CancellationToken cancellationToken = default) =>
        HandleAsync([(kind, documentId)], clientId, authorisation, publicBaseUri, cancellationToken);

    /// <summary>Pays one document, or several at once with one mandate and one debit for all they still need.</summary>
    public async Task<SyncOutcome> HandleAsync(IReadOnlyList<(PayableKind Kind, int Id)> documents, int clientId, DirectDebitAuthorisation authorisation, Uri publicBaseUri,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(authorisation);
        var chosen = documents.Distinct().ToList();
        if (chosen.Count == 0)
        {
            throw new PaymentRefusedException(PayText.TickDocuments);
        }

        if (!(await settings.GetAsync(cancellationToken)).OnlineInvoicePayment)
        {
            throw new PaymentRefusedException(PayText.OnlinePaymentOffOne);
        }

        var holder = authorisation.AccountHolder?.Trim();
        if (string.IsNullOrEmpty(holder) || holder.Length > 70)
        {
            throw new DomainException(ErrorCodes.InvalidName, "Give the account holder's name as your bank knows it (up to 70 characters).", "accountHolder");
        }

        if (!Iban.IsValid(authorisation.Iban))
        {
            throw new DomainException(ErrorCodes.InvalidIban, "This is not a valid IBAN: check the country code, the check digits and the account number.", "iban");
        }

        if (!authorisation.MandateAccepted)
        {
            throw new DomainException(ErrorCodes.MandateNotAccepted, "Accept the SEPA Direct Debit mandate to pay by direct debit.", "mandate");
        }

        MollieMandate mandate;
        string customerId;
        try
        {
            mandate = await mandates.CreateDirectDebitMandateAsync(clientId, holder, authorisation.Iban!, cancellationToken);
            customerId = (await mandates.CustomerIdOfAsync(clientId, cancellationToken))!;
        }
        catch (MollieException ex) when (!ex.IsTransient)
        {
            logger.LogWarning(ex, "Mollie refused the direct debit mandate of client {ClientId}", clientId);
            throw new DomainException(ErrorCodes.InvalidIban, ex.UserMessage, "iban");
        }
        catch (MollieException ex)
        {
            throw new PaymentRefusedException(ex.UserMessage, ex);
        }

        return chosen is [var single]
            ? await charge.HandleAsync(single.Kind, single.Id, customerId, mandate, PaymentInitiator.Client, publicBaseUri, cancellationToken)
            : await charge.HandleForSeveralAsync(clientId, chosen, customerId, mandate, PaymentInitiator.Client, publicBaseUri, cancellationToken);
    }
}
