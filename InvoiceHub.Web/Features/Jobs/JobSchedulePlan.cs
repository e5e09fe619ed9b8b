using System.Globalization;
using System.Text.RegularExpressions;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Jobs;

/// <summary>The kinds of schedule an Admin picks on the jobs page.</summary>
public enum ScheduleKind
{
    EverySeconds,
    EveryMinutes,
    Hourly,
    Daily,
    Weekdays,
    Weekly,
    /// <summary>A cron from configuration or an older version that none of the kinds above says; kept as it is.</summary>
    Custom,
}

/// <summary>
/// A job's schedule as a person says it ("weekdays at 07:30"), and the Hangfire cron (UTC) it stands for: five fields,
/// or six with seconds first. The page edits plans; the cron is only shown as a detail.
/// </summary>
public sealed partial record JobSchedulePlan(ScheduleKind Kind, int Every = 1, TimeOnly At = default, DayOfWeek Day = DayOfWeek.Monday, string? CustomCron = null)
{
    public string ToCron() => Kind switch
    {
        ScheduleKind.EverySeconds => $"*/{N(Every)} * * * * *",
        ScheduleKind.EveryMinutes => $"*/{N(Every)} * * * *",
        ScheduleKind.Hourly => $"{N(At.Minute)} * * * *",
        ScheduleKind.Daily => $"{N(At.Minute)} {N(At.Hour)} * * *",
        ScheduleKind.Weekdays => $"{N(At.Minute)} {N(At.Hour)} * * 1-5",
        ScheduleKind.Weekly => $"{N(At.Minute)} {N(At.Hour)} * * {N((int)Day)}",
        _ => CustomCron ?? "",
    };

    public string Describe() => Kind switch
    {
        ScheduleKind.EverySeconds => Every == 1 ? AdminText.EverySecond : Words(AdminText.EveryNSeconds, Every),
        ScheduleKind.EveryMinutes => Every == 1 ? AdminText.EveryMinute : Words(AdminText.EveryNMinutes, Every),
        ScheduleKind.Hourly => Words(AdminText.EveryHourAt, At.Minute),
        ScheduleKind.Daily => Words(AdminText.DailyAt, Utc(At)),
        ScheduleKind.Weekdays => Words(AdminText.WeekdaysAt, Utc(At)),
        ScheduleKind.Weekly => Words(AdminText.WeeklyAt, CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(Day), Utc(At)),
        _ => AdminText.CustomSchedule,
    };

    /// <summary>What is wrong with the plan, in words for the field it concerns; null when it can be saved.</summary>
    public string? Problem() => Kind switch
    {
        ScheduleKind.EverySeconds when Every is < 1 or > 59 => AdminText.ChooseEverySeconds,
        ScheduleKind.EveryMinutes when Every is < 1 or > 59 => AdminText.ChooseEveryMinutes,
        ScheduleKind.Custom when string.IsNullOrWhiteSpace(CustomCron) => AdminText.ChooseHowOften,
        _ => null,
    };

    /// <summary>"07:30 UTC".</summary>
    private static string Utc(TimeOnly at) => Time(at) + " UTC";

    private static string Words(string text, params object[] values) => string.Format(CultureInfo.CurrentCulture, text, values);

    /// <summary>The plan a cron says; <see cref="ScheduleKind.Custom"/> when it is none of the kinds above.</summary>
    public static JobSchedulePlan FromCron(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is [var s, "*", "*", "*", "*", "*"] && Step(s) is { } seconds)
        {
            return new(ScheduleKind.EverySeconds, seconds);
        }
        if (fields is ["0", .. var rest] && rest.Length == 5)
        {
            fields = rest;
        }
        if (fields.Length == 5 && fields[2] == "*" && fields[3] == "*")
        {
            if (fields is [var m, "*", _, _, "*"] && Step(m) is { } minutes)
            {
                return new(ScheduleKind.EveryMinutes, minutes);
            }
            if (fields is [var minute, "*", _, _, "*"] && Number(minute, 59) is { } atMinute)
            {
                return new(ScheduleKind.Hourly, At: new TimeOnly(0, atMinute));
            }
            if (Number(fields[0], 59) is { } mm && Number(fields[1], 23) is { } hh)
            {
                var at = new TimeOnly(hh, mm);
                switch (fields[4].ToUpperInvariant())
                {
                    case "*":
                        return new(ScheduleKind.Daily, At: at);
                    case "1-5" or "MON-FRI":
                        return new(ScheduleKind.Weekdays, At: at);
                    case var day when Number(day, 7) is { } d:
                        return new(ScheduleKind.Weekly, At: at, Day: (DayOfWeek)(d % 7));
                }
            }
        }
        return new(ScheduleKind.Custom, CustomCron: cron);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(TimeOnly at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static int? Number(string field, int max) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max ? n : null;

    private static int? Step(string field) => field == "*" ? 1 : StepField().Match(field) is { Success: true } m ? Number(m.Groups[1].Value, 59) : null;

    [GeneratedRegex(@"^(?:\*|0)/(\d{1,2})$")]
    private static partial Regex StepField();
}

/// <summary>Crons as JobSchedules and configuration hold them, made into Hangfire's.</summary>
public static partial class JobCron
{
    /// <summary>
    /// Hangfire's cron for a stored one. Schedules saved under Quartz.NET (docs/decisions/0020) carry Quartz's syntax:
    /// seconds first, '?' for "no specific day" (Quartz requires it in one of the two day fields, so it marks them),
    /// an optional year, days of the week numbered 1 (Sunday) to 7. Those become Hangfire's six fields with days 0 to 6;
    /// anything else is already Hangfire's.
    /// </summary>
    public static string FromStored(string stored)
    {
        var fields = stored.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!fields.Contains("?") || fields.Length is not (6 or 7))
        {
            return string.Join(' ', fields);
        }
        fields = fields[..6].Select(f => f == "?" ? "*" : f).ToArray();
        fields[5] = QuartzDayNumber().Replace(fields[5], m => (int.Parse(m.Value, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < 3; i++)
        {
            // Quartz's "0/15" (from 0, every 15) is Hangfire's "*/15".
            fields[i] = fields[i].StartsWith("0/", StringComparison.Ordinal) ? "*" + fields[i][1..] : fields[i];
        }
        var cron = string.Join(' ', fields);
        // Whole minutes read as the five fields the page's plans write.
        return fields[0] == "0" ? string.Join(' ', fields[1..]) : cron;
    }

    // A day number, not the occurrence after '#' (6#3 is the third Friday).
    [GeneratedRegex(@"(?<![#\d])[1-7](?!\d)")]
    private static partial Regex QuartzDayNumber();
}
