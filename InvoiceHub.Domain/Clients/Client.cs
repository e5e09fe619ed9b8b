using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Clients;

/// <summary>
/// A client and their balance (credit). The balance is the sum of an append-only ledger, cached in
/// <see cref="BalanceMinor"/>, and never negative.
/// </summary>
public sealed class Client : AggregateRoot, IClientRecord
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxReasonLength = 500;
    public const int MaxAddressLength = 500;
    public const int MaxVatNumberLength = 20;
    public const string DefaultLanguage = "en";

    private readonly List<BalanceEntry> _entries = [];

    private Client()
    {
        Name = string.Empty;
        Email = string.Empty;
        Currency = null!;
    }

    private Client(string name, string email, Currency currency, DateTimeOffset now)
    {
        Name = name;
        Email = email;
        Currency = currency;
        CreatedAt = now;
        AutoCharge = true;
        PortalAccess = true;
    }

    public string Name { get; private set; }

    public string Email { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>The billing address printed on invoices (lines separated by new lines); empty until staff give it.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The client's VAT identification number, printed on invoices when given (EU VAT invoices, art. 226(4)).</summary>
    public string VatNumber { get; private set; } = "";

    /// <summary>
    /// The language the client reads (ISO 639-1, "en", "es", "nl"): their portal, payment links, emails and PDFs use it.
    /// Which languages exist is the app's business; here it is two lowercase letters.
    /// </summary>
    public string Language { get; private set; } = DefaultLanguage;

    public long BalanceMinor { get; private set; }

    public Money Balance => new(BalanceMinor, Currency);

    /// <summary>Whether the auto-charge job may charge a saved mandate (on unless staff or the client switch it off).</summary>
    public bool AutoCharge { get; private set; }

    /// <summary>Whether the client may sign in to the portal.</summary>
    public bool PortalAccess { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<BalanceEntry> Entries => _entries;

    public DocumentKind RecordKind => DocumentKind.Client;

    public int ClientId => Id;

    public static Client Create(string name, string email, Currency currency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return new Client(ValidName(name), ValidEmail(email), currency, now);
    }

    public void Rename(string name)
    {
        Name = ValidName(name);
        IncrementVersion();
    }

    public void ChangeEmail(string email)
    {
        Email = ValidEmail(email);
        IncrementVersion();
    }

    /// <summary>The address and VAT number invoices name the client by; either may be empty.</summary>
    public void SetBillingDetails(string? address, string? vatNumber)
    {
        var lines = (address ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        var cleanAddress = string.Join('\n', lines);
        if (cleanAddress.Length > MaxAddressLength)
        {
            throw new DomainException(ErrorCodes.InvalidAddress, $"Keep the address to {MaxAddressLength} characters.", "address");
        }
        var cleanVat = new string((vatNumber ?? "").Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '-')).ToArray()).ToUpperInvariant();
        if (cleanVat.Length > MaxVatNumberLength || !cleanVat.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException(ErrorCodes.InvalidVatNumber, "Give the VAT number as letters and digits, e.g. NL123456789B01.", "vatNumber");
        }
        Address = cleanAddress;
        VatNumber = cleanVat;
        IncrementVersion();
    }

    /// <summary>The language the client reads; <paramref name="language"/> is an ISO 639-1 code such as "es".</summary>
    public void SetLanguage(string language)
    {
        var code = (language ?? "").Trim().ToLowerInvariant();
        if (code.Length != 2 || !code.All(char.IsAsciiLetterLower))
        {
            throw new DomainException(ErrorCodes.InvalidLanguage, "Choose one of the listed languages.", "language");
        }
        Language = code;
        IncrementVersion();
    }

    public void SetAutoCharge(bool enabled)
    {
        AutoCharge = enabled;
        IncrementVersion();
    }

    public void SetPortalAccess(bool enabled)
    {
        PortalAccess = enabled;
        IncrementVersion();
    }

    /// <summary>Staff correction of the balance, either sign; a reason is required and the balance cannot go below zero.</summary>
    public BalanceEntry AdjustBalance(Money amount, string reason, DateTimeOffset now)
    {
        EnsureCurrency(amount);
        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxReasonLength)
        {
            throw new DomainException(
                ErrorCodes.ReasonRequired,
                $"Say why the balance is adjusted (1 to {MaxReasonLength} characters).",
                "reason");
        }

        if (amount.IsZero)
        {
            throw new DomainException(ErrorCodes.InvalidAmount, "An adjustment cannot be zero.", "amount");
        }

        return Append(BalanceEntryKind.ManualAdjustment, amount.Minor, now, reason: trimmed);
    }

    internal void EnsureCanDebit(long amountMinor, string field = "amount")
    {
        if (amountMinor > BalanceMinor)
        {
            throw new DomainException(
                ErrorCodes.InsufficientBalance,
                $"The client's balance is {Balance.ToDecimalString()} {Currency.Code}; " +
                $"{new Money(amountMinor, Currency).ToDecimalString()} cannot be taken from it.",
                field);
        }
    }

    internal void EnsureCurrency(Money amount, string field = "amount")
    {
        if (amount.Currency != Currency)
        {
            throw new DomainException(
                ErrorCodes.CurrencyMismatch,
                $"The client is billed in {Currency.Code}; the amount is in {amount.Currency?.Code}.",
                field);
        }
    }

    internal BalanceEntry Append(
        BalanceEntryKind kind,
        long signedAmountMinor,
        DateTimeOffset now,
        string? reason = null,
        Invoice? invoice = null,
        CreditRequest? creditRequest = null,
        Payment? payment = null,
        Allocation? allocation = null)
    {
        if (signedAmountMinor < 0)
        {
            EnsureCanDebit(-signedAmountMinor);
        }

        long balanceAfter;
        try
        {
            balanceAfter = checked(BalanceMinor + signedAmountMinor);
        }
        catch (OverflowException)
        {
            throw new DomainException(ErrorCodes.AmountOutOfRange, "The balance would become too large.", "amount");
        }

        var entry = BalanceEntry.Create(kind, signedAmountMinor, balanceAfter, reason, now, invoice, creditRequest, payment, allocation);
        _entries.Add(entry);
        BalanceMinor = balanceAfter;
        IncrementVersion();
        Raise(new BalanceChanged(this, entry, Balance, now));
        return entry;
    }

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            throw new DomainException(ErrorCodes.InvalidName, $"Give the client a name of 1 to {MaxNameLength} characters.", "name");
        }

        return trimmed;
    }

    /// <summary>Whether <paramref name="email"/> (trimmed) is what a client's email must look like; forms check it before saving.</summary>
    public static bool IsValidEmail(string? email)
    {
        var trimmed = email?.Trim() ?? string.Empty;
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return trimmed.Length <= MaxEmailLength
            && at > 0
            && at == trimmed.LastIndexOf('@')
            && at < trimmed.Length - 1
            && !trimmed.Any(char.IsWhiteSpace);
    }

    private static string ValidEmail(string email)
    {
        var trimmed = email?.Trim() ?? string.Empty;
        if (!IsValidEmail(trimmed))
        {
            throw new DomainException(ErrorCodes.InvalidEmail, $"'{email}' is not an email address; write it like name@example.com.", "email");
        }

        return trimmed;
    }
}
