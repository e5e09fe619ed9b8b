using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Credit;

/// <summary>
/// The credit rules of SPEC.md. Every verb checks everything before it changes anything, so a
/// <see cref="DomainException"/> leaves all aggregates as they were. Every use of the balance writes an
/// AppliedToInvoice ledger entry and an allocation that point at each other. The caller saves all the
/// aggregates passed in one transaction; their <c>Version</c> tokens stop concurrent actions from
/// overdrawing the balance or overpaying an invoice.
/// </summary>
public static partial class CreditRules
{
    /// <summary>
    /// Rule 1: right after <see cref="Invoice.Issue"/>, with "Automatically mark Invoices paid" on,
    /// min(balance, still to pay) is applied; off, nothing happens (rule 4).
    /// </summary>
    /// <returns>The application, or null when nothing was applied.</returns>
    public static CreditApplication? ApplyOnIssue(Client client, Invoice invoice, bool autoMarkPaid, DateTimeOffset now)
    {
        EnsureSameClient(client, invoice);
        if (invoice.Status is InvoiceStatus.Draft or InvoiceStatus.Void)
        {
            throw new DomainException(ErrorCodes.InvoiceNotOpen, $"The invoice is {invoice.Status}; credit is applied to issued invoices only.");
        }

        var amount = Math.Min(client.BalanceMinor, invoice.StillToPayMinor);
        return autoMarkPaid && amount > 0 ? Apply(client, invoice, amount, now) : null;
    }

    /// <summary>
    /// Rule 2: with the setting on, the balance pays the client's open invoices, oldest due date first
    /// (then lowest number, then lowest id), until it runs out. Invoices that are not open are skipped.
    /// </summary>
    public static IReadOnlyList<CreditApplication> ApplyNewCredit(
        Client client,
        IEnumerable<Invoice> openInvoicesOfClient,
        bool autoMarkPaid,
        DateTimeOffset now)
    {
        var invoices = CheckedInvoices(client, openInvoicesOfClient);
        return autoMarkPaid ? ApplyOldestFirst(client, invoices, now) : [];
    }

    /// <summary>
    /// Rule 3, Pay From Credit: the setting on, the invoice open, a positive balance. Pays
    /// <paramref name="amount"/>, by default (null) the maximum min(balance, still to pay).
    /// </summary>
    public static CreditApplication PayFromCredit(
        Client client,
        Invoice invoice,
        Money? amount,
        bool autoMarkPaid,
        DateTimeOffset now)
    {
        EnsureSameClient(client, invoice);
        if (!autoMarkPaid)
        {
            throw new DomainException(
                ErrorCodes.PayFromCreditDisabled,
                "Pay From Credit is available when 'Automatically mark Invoices paid' is on in the General Accounting Settings.");
        }

        if (invoice.Status != InvoiceStatus.Open)
        {
            throw new DomainException(ErrorCodes.InvoiceNotOpen, $"The invoice is {invoice.Status}; only open invoices can be paid from credit.");
        }

        if (client.BalanceMinor <= 0)
        {
            throw new DomainException(ErrorCodes.NoBalance, "The client has no credit on their balance.");
        }

        var maximum = Math.Min(client.BalanceMinor, invoice.StillToPayMinor);
        if (amount is { } requested)
        {
            client.EnsureCurrency(requested);
        }

        var minor = amount?.Minor ?? maximum;
        if (minor <= 0 || minor > maximum)
        {
            throw new DomainException(
                ErrorCodes.InvalidAmount,
                $"Enter an amount from {new Money(1, client.Currency)} up to {new Money(maximum, client.Currency)} " +
                "(the smaller of the balance and the amount still to pay).",
                "amount");
        }

        return Apply(client, invoice, minor, now);
    }

    /// <summary>
    /// A paid payment (offline, or online once the provider says Paid) for an invoice: min(amount, still
    /// to pay) is allocated to the invoice; the excess goes to the balance as an overpayment, and then rule 2
    /// runs over <paramref name="otherOpenInvoices"/>. An invoice that is already paid or void sends the
    /// whole amount to the balance. Each payment is recorded once.
    /// </summary>
    public static RecordedPayment RecordPayment(
        Client client,
        Invoice invoice,
        Payment payment,
        bool autoMarkPaid,
        IEnumerable<Invoice> otherOpenInvoices,
        DateTimeOffset now)
    {
        EnsureSameClient(client, invoice);
        EnsureRecordable(client, payment);
        if (invoice.Status == InvoiceStatus.Draft)
        {
            throw new DomainException(ErrorCodes.InvoiceNotOpen, "Issue the invoice before recording a payment for it.");
        }

        var others = CheckedInvoices(client, otherOpenInvoices);
        var toInvoice = invoice.Status == InvoiceStatus.Open ? Math.Min(payment.AmountMinor, invoice.StillToPayMinor) : 0;
        var allocation = toInvoice > 0 ? invoice.AllocateFromPayment(payment, toInvoice, now) : null;
        var entries = new List<BalanceEntry>();
        var excess = payment.AmountMinor - toInvoice;
        if (excess > 0)
        {
            entries.Add(client.Append(BalanceEntryKind.Overpayment, excess, now, invoice: invoice, payment: payment));
        }

        payment.MarkRecorded(now);
        var applied = excess > 0 && autoMarkPaid ? ApplyOldestFirst(client, others, now) : [];
        return new RecordedPayment(payment, allocation, entries, applied);
    }

    /// <summary>
    /// A paid payment for a credit request: the request becomes Paid and its amount goes to the balance,
    /// any excess too (as an overpayment); then rule 2. The payment must cover the whole request.
    /// </summary>
    public static RecordedPayment RecordCreditRequestPayment(
        Client client,
        CreditRequest creditRequest,
        Payment payment,
        bool autoMarkPaid,
        IEnumerable<Invoice> openInvoicesOfClient,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(creditRequest);
        EnsureSameClient(client, creditRequest.ClientId, creditRequest.Currency);
        EnsureRecordable(client, payment);
        creditRequest.EnsureOpen();
        if (payment.AmountMinor < creditRequest.AmountMinor)
        {
            throw new DomainException(
                ErrorCodes.PaymentDoesNotCover,
                $"The credit request is for {creditRequest.Amount.ToDecimalString()} {creditRequest.Currency.Code}; " +
                $"the payment of {payment.Amount.ToDecimalString()} does not cover it.",
                "amount");
        }

        var invoices = CheckedInvoices(client, openInvoicesOfClient);
        creditRequest.MarkPaid(payment, now);
        var entries = new List<BalanceEntry>
        {
            client.Append(BalanceEntryKind.CreditRequestPaid, creditRequest.AmountMinor, now, creditRequest: creditRequest, payment: payment),
        };
        var excess = payment.AmountMinor - creditRequest.AmountMinor;
        if (excess > 0)
        {
            entries.Add(client.Append(BalanceEntryKind.Overpayment, excess, now, creditRequest: creditRequest, payment: payment));
        }

        payment.MarkRecorded(now);
        var applied = autoMarkPaid ? ApplyOldestFirst(client, invoices, now) : [];
        return new RecordedPayment(payment, null, entries, applied);
    }

    /// <summary>
    /// A paid payment that no open document can take (its credit request was cancelled meanwhile, money
    /// arrived without a reference): all of it goes to the balance as an overpayment; then rule 2.
    /// </summary>
    public static RecordedPayment RecordPaymentToBalance(
        Client client,
        Payment payment,
        bool autoMarkPaid,
        IEnumerable<Invoice> openInvoicesOfClient,
        DateTimeOffset now)
    {
        EnsureRecordable(client, payment);
        var invoices = CheckedInvoices(client, openInvoicesOfClient);
        var entry = client.Append(BalanceEntryKind.Overpayment, payment.AmountMinor, now, payment: payment);
        payment.MarkRecorded(now);
        var applied = autoMarkPaid ? ApplyOldestFirst(client, invoices, now) : [];
        return new RecordedPayment(payment, null, [entry], applied);
    }

    /// <summary>
    /// Voids the invoice (Draft, Open or Paid). Everything allocated to it, from payments and from credit,
    /// goes back to the balance as one InvoiceVoided entry; the allocations stay, marked voided. Rule 2 is
    /// not run: staff usually void to reissue, and the new invoice takes the credit on issue (rule 1).
    /// </summary>
    public static VoidedInvoice Void(Client client, Invoice invoice, DateTimeOffset now, string? reason = null)
    {
        EnsureSameClient(client, invoice);
        var returned = invoice.Void(now, reason);
        var entry = returned.IsPositive
            ? client.Append(BalanceEntryKind.InvoiceVoided, returned.Minor, now, reason: invoice.VoidReason, invoice: invoice)
            : null;
        return new VoidedInvoice(invoice, returned, entry);
    }

    internal static CreditApplication Apply(Client client, Invoice invoice, long amountMinor, DateTimeOffset now)
    {
        client.EnsureCanDebit(amountMinor);
        invoice.EnsureCanAllocate(amountMinor);
        var allocation = invoice.AllocateFromBalance(amountMinor, now);
        var entry = client.Append(BalanceEntryKind.AppliedToInvoice, -amountMinor, now, invoice: invoice, allocation: allocation);
        allocation.LinkLedgerEntry(entry);
        return new CreditApplication(invoice, allocation, entry);
    }

    private static List<CreditApplication> ApplyOldestFirst(Client client, IReadOnlyList<Invoice> invoices, DateTimeOffset now)
    {
        var applied = new List<CreditApplication>();
        var ordered = invoices
            .Where(i => i.Status == InvoiceStatus.Open)
            .OrderBy(i => i.DueDate)
            .ThenBy(i => i.Number, StringComparer.Ordinal)
            .ThenBy(i => i.Id);
        foreach (var invoice in ordered)
        {
            if (client.BalanceMinor == 0)
            {
                break;
            }

            var amount = Math.Min(client.BalanceMinor, invoice.StillToPayMinor);
            if (amount > 0)
            {
                applied.Add(Apply(client, invoice, amount, now));
            }
        }

        return applied;
    }

    private static List<Invoice> CheckedInvoices(Client client, IEnumerable<Invoice> invoices)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        var distinct = invoices.Distinct(ReferenceEqualityComparer.Instance).Cast<Invoice>().ToList();
        foreach (var invoice in distinct)
        {
            EnsureSameClient(client, invoice);
        }

        return distinct;
    }

    private static void EnsureRecordable(Client client, Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        EnsureSameClient(client, payment.ClientId, payment.Currency);
        payment.EnsureRecordable();
    }

    internal static void EnsureSameClient(Client client, Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        EnsureSameClient(client, invoice.ClientId, invoice.Currency);
    }

    private static void EnsureSameClient(Client client, int clientId, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (clientId != client.Id)
        {
            throw new DomainException(ErrorCodes.WrongClient, "That document belongs to another client.");
        }

        if (currency != client.Currency)
        {
            throw new DomainException(
                ErrorCodes.CurrencyMismatch,
                $"The client is billed in {client.Currency.Code}; the document is in {currency.Code}.");
        }
    }
}
