using System.Globalization;
using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>Status changes and the method-dependent <c>details</c> Mollie fills in, with test-mode values.</summary>
internal static class PaymentDetails
{
    private const string TestConsumerName = "T. TEST";
    private const string TestIban = "NL55INGB0000000000";
    private const string CreditorIdentifier = "NL08ZZZ502057730000";

    public static void Apply(SimPayment payment, string status, DateTimeOffset now)
    {
        payment.Status = status;
        switch (status)
        {
            case PaymentStatus.Paid:
                payment.PaidAt = now;
                payment.Details = Paid(payment);
                break;
            case PaymentStatus.Authorized:
                payment.AuthorizedAt = now;
                break;
            case PaymentStatus.Canceled:
                payment.CanceledAt = now;
                break;
            case PaymentStatus.Expired:
                payment.ExpiredAt = now;
                break;
            case PaymentStatus.Failed:
                payment.FailedAt = now;
                payment.Details = Failed(payment);
                break;
        }
    }

    public static JsonObject BankTransferInstructions(SimPayment payment) => new()
    {
        ["bankName"] = "Stichting Mollie Payments",
        ["bankAccount"] = "NL53ABNA0627535577",
        ["bankBic"] = "ABNANL2A",
        ["transferReference"] = "RF12-" + payment.Id[3..].ToUpperInvariant(),
    };

    public static JsonObject ForRecurring(SimPayment payment, SimMandate mandate, DateTimeOffset now)
    {
        var details = (JsonObject)mandate.Details.DeepClone();
        if (mandate.Method == "directdebit")
        {
            details["transferReference"] = "SD" + payment.Id[3..].ToUpperInvariant();
            details["creditorIdentifier"] = CreditorIdentifier;
            details["dueDate"] = now.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            details["signatureDate"] = mandate.SignatureDate;
            details["bankReasonCode"] = null;
            details["bankReason"] = null;
        }
        return details;
    }

    private static JsonObject? Paid(SimPayment payment) => payment.Method switch
    {
        "creditcard" => Card(payment),
        "ideal" => new JsonObject { ["consumerName"] = TestConsumerName, ["consumerAccount"] = TestIban, ["consumerBic"] = "INGBNL2A" },
        "paypal" => new JsonObject { ["consumerName"] = TestConsumerName, ["consumerAccount"] = "test-buyer@example.org", ["paypalReference"] = "9AL" + payment.Id[3..].ToUpperInvariant() },
        "banktransfer" => AddConsumer(payment.Details ?? BankTransferInstructions(payment)),
        _ => payment.Details,
    };

    private static JsonObject? Failed(SimPayment payment)
    {
        switch (payment.Method)
        {
            case "creditcard":
                var card = Card(payment);
                card["failureReason"] = "card_declined";
                card["failureMessage"] = "The card was declined.";
                return card;
            case "directdebit":
                var debit = payment.Details ?? [];
                debit["bankReasonCode"] = "AM04";
                debit["bankReason"] = "Insufficient funds";
                return debit;
            default:
                return payment.Details;
        }
    }

    private static JsonObject Card(SimPayment payment) => new()
    {
        ["cardNumber"] = "6787",
        ["cardHolder"] = TestConsumerName,
        ["cardAudience"] = "consumer",
        ["cardLabel"] = "Mastercard",
        ["cardCountryCode"] = "NL",
        ["cardSecurity"] = "normal",
        ["cardFingerprint"] = "fp" + payment.Id[3..],
        ["feeRegion"] = "other",
    };

    private static JsonObject AddConsumer(JsonObject details)
    {
        details["consumerName"] = TestConsumerName;
        details["consumerAccount"] = TestIban;
        details["consumerBic"] = "INGBNL2A";
        return details;
    }

    /// <summary>A paid first payment leaves a valid mandate: card for card, PayPal for PayPal, direct debit for the rest.</summary>
    public static SimMandate MandateFromFirstPayment(SimPayment payment, string mandateId, DateTimeOffset now)
    {
        var method = PaymentMethod.Find(payment.Method)?.MandateMethod ?? "directdebit";
        var paid = payment.Details ?? [];
        JsonObject details = method switch
        {
            "creditcard" => new JsonObject
            {
                ["cardHolder"] = paid["cardHolder"]?.DeepClone(),
                ["cardNumber"] = paid["cardNumber"]?.DeepClone(),
                ["cardLabel"] = paid["cardLabel"]?.DeepClone(),
                ["cardFingerprint"] = paid["cardFingerprint"]?.DeepClone(),
                ["cardExpiryDate"] = now.AddYears(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            "paypal" => new JsonObject { ["consumerName"] = paid["consumerName"]?.DeepClone(), ["consumerAccount"] = paid["consumerAccount"]?.DeepClone() },
            _ => new JsonObject
            {
                ["consumerName"] = paid["consumerName"]?.DeepClone() ?? TestConsumerName,
                ["consumerAccount"] = paid["consumerAccount"]?.DeepClone() ?? TestIban,
                ["consumerBic"] = paid["consumerBic"]?.DeepClone(),
            },
        };
        return new SimMandate
        {
            Id = mandateId,
            CustomerId = payment.CustomerId!,
            Method = method,
            Details = details,
            MandateReference = "IH-" + payment.Id[3..].ToUpperInvariant(),
            SignatureDate = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CreatedAt = now,
        };
    }
}
