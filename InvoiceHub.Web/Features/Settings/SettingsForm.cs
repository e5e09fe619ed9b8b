using System.ComponentModel.DataAnnotations;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Settings;

/// <summary>The editable copy of the settings behind the settings page, validated field by field.</summary>
public sealed class SettingsForm : IValidatableObject
{
    public bool OnlineInvoicePayment { get; set; }
    public bool ClientLogin { get; set; }
    public bool AutomaticallyMarkInvoicesPaid { get; set; }
    public bool AutoCharge { get; set; }
    public bool AutoChargeInvoices { get; set; }
    public bool AllowPartialOnlinePayments { get; set; }
    public string MinimumPartialPayment { get; set; } = "10.00";
    public string ReminderSchedule { get; set; } = ReminderScheduleFormat.Default;
    public string Currency { get; set; } = "EUR";

    [Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.EnterCompanyName))]
    [StringLength(200, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.AtMostCharacters))]
    public string CompanyName { get; set; } = "";

    [StringLength(1000, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.AtMostCharacters))]
    public string CompanyAddress { get; set; } = "";

    // Optional: [EmailAddress] would refuse an empty field, so the format is checked in Validate.
    [StringLength(256, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.AtMostCharacters))]
    public string CompanyEmail { get; set; } = "";

    [StringLength(50, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.AtMostCharacters))]
    public string CompanyVatNumber { get; set; } = "";

    public static SettingsForm From(SettingsSnapshot s) => new()
    {
        OnlineInvoicePayment = s.OnlineInvoicePayment,
        ClientLogin = s.ClientLogin,
        AutomaticallyMarkInvoicesPaid = s.AutomaticallyMarkInvoicesPaid,
        AutoCharge = s.AutoCharge,
        AutoChargeInvoices = s.AutoChargeInvoices,
        AllowPartialOnlinePayments = s.AllowPartialOnlinePayments,
        MinimumPartialPayment = MoneyText.Format(s.MinimumPartialPaymentMinor, s.DefaultCurrency),
        ReminderSchedule = string.Join(", ", s.ReminderDays),
        Currency = s.DefaultCurrency,
        CompanyName = s.CompanyName,
        CompanyAddress = s.CompanyAddress,
        CompanyEmail = s.CompanyEmail,
        CompanyVatNumber = s.CompanyVatNumber,
    };

    public SettingsSnapshot ToSnapshot() => new(
        OnlineInvoicePayment, ClientLogin, AutomaticallyMarkInvoicesPaid, AutoCharge, AutoCharge && AutoChargeInvoices,
        AllowPartialOnlinePayments, MoneyText.ParseMinor(MinimumPartialPayment, Currency),
        ReminderScheduleFormat.Parse(ReminderSchedule), Currency, CompanyName, CompanyAddress ?? "", CompanyEmail ?? "", CompanyVatNumber ?? "");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ReminderScheduleFormat.TryParse(ReminderSchedule, out _, out var error))
        {
            // The domain's own message in English (it names the day at fault); its rule in the other languages.
            yield return new ValidationResult(ProblemText.EnglishOr(error ?? "", AdminText.ReminderScheduleInvalid),
                [nameof(ReminderSchedule)]);
        }
        if (!string.IsNullOrWhiteSpace(CompanyEmail) && !new EmailAddressAttribute().IsValid(CompanyEmail.Trim()))
        {
            yield return new ValidationResult(AdminText.EnterValidEmail, [nameof(CompanyEmail)]);
        }
        if (!MoneyText.TryParseMinor(MinimumPartialPayment, Currency, out var minor) || minor <= 0)
        {
            yield return new ValidationResult(AdminText.EnterAmountAboveZeroLike, [nameof(MinimumPartialPayment)]);
        }
    }
}
