namespace InvoiceHub.Domain.PaymentProviders;

/// <summary>
/// Admin ▸ Payment Providers: one row. Wire Transfer is enabled by default but offered only once its details are
/// complete; Mollie's API key is stored encrypted (Data Protection), with a hint (<c>test_…abcd</c>) to show.
/// </summary>
public sealed class PaymentProviderSettings
{
    public const int SingletonId = 1;
    public const string DefaultMollieMethods = "creditcard,banktransfer,ideal,paypal";

    public int Id { get; private set; } = SingletonId;
    public bool WireEnabled { get; private set; } = true;
    public string WireAccountHolder { get; private set; } = "";
    public string WireIban { get; private set; } = "";
    public string WireBic { get; private set; } = "";
    public string WireInstructions { get; private set; } = "";
    /// <summary>The API key encrypted with Data Protection; null when none is stored (configuration's key applies).</summary>
    public string? MollieApiKeyProtected { get; private set; }
    public string? MollieApiKeyHint { get; private set; }
    /// <summary>Mollie method ids to offer, comma separated.</summary>
    public string MollieMethods { get; private set; } = DefaultMollieMethods;
    public DateTimeOffset? UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public bool WireReady => WireEnabled && WireMissing().Count == 0;

    public IReadOnlyList<string> WireMissing()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(WireAccountHolder)) missing.Add("account holder");
        if (string.IsNullOrWhiteSpace(WireIban)) missing.Add("IBAN");
        if (string.IsNullOrWhiteSpace(WireBic)) missing.Add("BIC");
        if (string.IsNullOrWhiteSpace(WireInstructions)) missing.Add("instructions");
        return missing;
    }

    public IReadOnlyList<string> MollieMethodIds =>
        MollieMethods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void SetWire(bool enabled, string accountHolder, string iban, string bic, string instructions, DateTimeOffset now)
    {
        WireEnabled = enabled;
        WireAccountHolder = accountHolder.Trim();
        WireIban = Iban.Normalize(iban);
        WireBic = bic.Trim().ToUpperInvariant();
        WireInstructions = instructions.Trim();
        Touch(now);
    }

    public void SetMollieMethods(IEnumerable<string> methodIds, DateTimeOffset now)
    {
        MollieMethods = string.Join(',', methodIds.Distinct(StringComparer.Ordinal));
        Touch(now);
    }

    public void SetMollieKey(string protectedKey, string hint, DateTimeOffset now)
    {
        MollieApiKeyProtected = protectedKey;
        MollieApiKeyHint = hint;
        Touch(now);
    }

    public void ClearMollieKey(DateTimeOffset now)
    {
        MollieApiKeyProtected = null;
        MollieApiKeyHint = null;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
