namespace InvoiceHub.Domain.Settings;

/// <summary>
/// General Accounting Settings: one row for the business. Read as a cached <see cref="SettingsSnapshot"/>;
/// changed only by Admins.
/// </summary>
public sealed class AccountingSettings
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public bool OnlineInvoicePayment { get; private set; }
    public bool ClientLogin { get; private set; } = true;
    public bool AutomaticallyMarkInvoicesPaid { get; private set; }
    public bool AutoCharge { get; private set; }
    public bool AutoChargeInvoices { get; private set; }
    public bool AllowPartialOnlinePayments { get; private set; }
    public long MinimumPartialPaymentMinor { get; private set; } = 1000;
    public string ReminderSchedule { get; private set; } = ReminderScheduleFormat.Default;
    public string DefaultCurrency { get; private set; } = "EUR";
    public string CompanyName { get; private set; } = "InvoiceHub Demo Agency";
    public string CompanyAddress { get; private set; } = "";
    public string CompanyEmail { get; private set; } = "";
    public string CompanyVatNumber { get; private set; } = "";
    public int Version { get; private set; }
    /// <summary>The company logo (PNG or JPEG) for PDFs and email headers; set apart from the other settings.</summary>
    public byte[]? LogoContent { get; private set; }
    public string? LogoContentType { get; private set; }

    public SettingsSnapshot ToSnapshot() => new(
        OnlineInvoicePayment, ClientLogin, AutomaticallyMarkInvoicesPaid, AutoCharge, AutoChargeInvoices,
        AllowPartialOnlinePayments, MinimumPartialPaymentMinor, ReminderScheduleFormat.Parse(ReminderSchedule),
        DefaultCurrency, CompanyName, CompanyAddress, CompanyEmail, CompanyVatNumber);

    public void Apply(SettingsSnapshot s)
    {
        OnlineInvoicePayment = s.OnlineInvoicePayment;
        ClientLogin = s.ClientLogin;
        AutomaticallyMarkInvoicesPaid = s.AutomaticallyMarkInvoicesPaid;
        AutoCharge = s.AutoCharge;
        AutoChargeInvoices = s.AutoChargeInvoices;
        AllowPartialOnlinePayments = s.AllowPartialOnlinePayments;
        MinimumPartialPaymentMinor = s.MinimumPartialPaymentMinor;
        ReminderSchedule = ReminderScheduleFormat.Format(s.ReminderDays);
        CompanyName = s.CompanyName.Trim();
        CompanyAddress = s.CompanyAddress.Trim();
        CompanyEmail = s.CompanyEmail.Trim();
        CompanyVatNumber = s.CompanyVatNumber.Trim();
        Version++;
    }
}

/// <summary>An immutable copy of the settings, safe to cache and share between requests and jobs.</summary>
public sealed record SettingsSnapshot(
    bool OnlineInvoicePayment,
    bool ClientLogin,
    bool AutomaticallyMarkInvoicesPaid,
    bool AutoCharge,
    bool AutoChargeInvoices,
    bool AllowPartialOnlinePayments,
    long MinimumPartialPaymentMinor,
    IReadOnlyList<int> ReminderDays,
    string DefaultCurrency,
    string CompanyName,
    string CompanyAddress,
    string CompanyEmail,
    string CompanyVatNumber);

/// <summary>The reminder schedule as days relative to the due date, stored as "-3,0,7,14".</summary>
public static class ReminderScheduleFormat
{
    public const string Default = "-3,0,7,14";
    public const int MinDay = -60;
    public const int MaxDay = 365;

    public static IReadOnlyList<int> Parse(string text) =>
        TryParse(text, out var days, out var error) ? days : throw new FormatException(error);

    public static string Format(IEnumerable<int> days) =>
        string.Join(',', days.Order().Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static bool TryParse(string? text, out IReadOnlyList<int> days, out string? error)
    {
        days = [];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var result = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var day))
            {
                error = $"'{part}' is not a whole number of days. Write the days around the due date separated by commas, e.g. -3, 0, 7, 14.";
                return false;
            }
            if (day is < MinDay or > MaxDay)
            {
                error = $"{day} is out of range: a reminder can be from {MinDay} to {MaxDay} days around the due date.";
                return false;
            }
            if (!result.Add(day))
            {
                error = $"Day {day} appears twice.";
                return false;
            }
        }
        days = [.. result];
        return true;
    }
}
