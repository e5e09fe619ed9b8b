using System.Globalization;
using System.Text;

namespace InvoiceHub.Domain.PaymentProviders;

/// <summary>
/// The text of an EPC QR code ("SEPA credit transfer", EPC069-12 version 002, UTF-8) that a banking app scans to fill
/// in a transfer: beneficiary, IBAN, amount in euro and the RF creditor reference. Only euro amounts can be SEPA transfers.
/// </summary>
public static class EpcTransfer
{
    public const int MaxNameLength = 70;
    public const int MaxPayloadBytes = 331;

    /// <summary>The payload, or null when there is none to give (not euro, nothing owed, or a detail that does not fit the standard).</summary>
    public static string? Payload(string beneficiary, string iban, string bic, Money amount, string creditorReference)
    {
        var name = (beneficiary ?? "").Trim();
        if (amount.Currency.Code != Currency.EUR.Code || !amount.IsPositive || amount.Minor > 99_999_999_999
            || name.Length is 0 or > MaxNameLength || !Iban.IsValid(iban) || !Iban.IsValidCreditorReference(creditorReference))
        {
            return null;
        }
        var payload = string.Join('\n',
            "BCD", "002", "1", "SCT",
            (bic ?? "").Trim().ToUpperInvariant(),
            name,
            Iban.Normalize(iban),
            "EUR" + (amount.Minor / 100m).ToString("0.00", CultureInfo.InvariantCulture),
            "",
            Iban.Normalize(creditorReference),
            "");
        return Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes ? payload : null;
    }
}
