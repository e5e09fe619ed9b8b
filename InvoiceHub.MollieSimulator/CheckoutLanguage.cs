using System.Globalization;
using InvoiceHub.MollieSimulator.Model;
using InvoiceHub.MollieSimulator.Resources;
using Microsoft.Extensions.Primitives;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// The language the hosted checkout speaks: the payment's <c>locale</c> when it has one, else the browser's
/// Accept-Language (what Mollie does when the locale is left out); the simulator has English, Spanish and Dutch texts
/// and reads English for every other locale.
/// </summary>
internal sealed class CheckoutLanguage
{
    public static readonly CheckoutLanguage English = new("en");

    private static readonly CheckoutLanguage[] Spoken = [English, new("es"), new("nl")];

    private readonly CultureInfo _culture;

    private CheckoutLanguage(string code)
    {
        Code = code;
        _culture = CultureInfo.GetCultureInfo(code);
    }

    /// <summary>The ISO 639-1 code of the texts shown: the page's <c>lang</c>.</summary>
    public string Code { get; }

    public static CheckoutLanguage Of(string? locale, StringValues acceptLanguage)
    {
        if (locale is not null)
        {
            return Find(locale) ?? English;
        }
        var preferred = acceptLanguage.ToString().Split(',')
            .Select(part => part.Split(';')[0].Trim())
            .FirstOrDefault(tag => tag.Length > 0);
        return Find(preferred) ?? English;
    }

    private static CheckoutLanguage? Find(string? localeOrTag) =>
        string.IsNullOrWhiteSpace(localeOrTag) ? null : Spoken.FirstOrDefault(l => l.Code == localeOrTag.Split('_', '-')[0].ToLowerInvariant());

    public string Text(string key) => CheckoutText.ResourceManager.GetString(key, _culture) ?? throw new InvalidOperationException($"No checkout text {key}.");

    public string Text(string key, params object[] values) => string.Format(_culture, Text(key), values);

    /// <summary>A payment status in words: "paid" reads "pagado" in Spanish.</summary>
    public string Status(string status) => status switch
    {
        PaymentStatus.Open => Text(nameof(CheckoutText.StatusOpen)),
        PaymentStatus.Pending => Text(nameof(CheckoutText.StatusPending)),
        PaymentStatus.Authorized => Text(nameof(CheckoutText.StatusAuthorized)),
        PaymentStatus.Paid => Text(nameof(CheckoutText.StatusPaid)),
        PaymentStatus.Failed => Text(nameof(CheckoutText.StatusFailed)),
        PaymentStatus.Canceled => Text(nameof(CheckoutText.StatusCanceled)),
        PaymentStatus.Expired => Text(nameof(CheckoutText.StatusExpired)),
        _ => status,
    };

    public string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], _culture) + text[1..];
}
