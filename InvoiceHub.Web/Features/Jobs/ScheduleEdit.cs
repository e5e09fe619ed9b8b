namespace InvoiceHub.Web.Features.Jobs;

/// <summary>The jobs page's form for one schedule: the plan's parts as the inputs hold them, and the message under them.</summary>
public sealed class ScheduleEdit
{
    public ScheduleKind Kind { get; set; }
    public int Every { get; set; } = 1;
    public int Minute { get; set; }
    public TimeOnly? At { get; set; }
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
    public string? CustomCron { get; private set; }
    public string? Message { get; set; }
    public bool IsError { get; set; }

    public static ScheduleEdit From(JobSchedulePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ScheduleEdit
        {
            Kind = plan.Kind,
            Every = plan.Every,
            Minute = plan.At.Minute,
            At = plan.At,
            Day = plan.Day,
            CustomCron = plan.CustomCron,
        };
    }

    public string? Problem() => Kind switch
    {
        ScheduleKind.Hourly when Minute is < 0 or > 59 => InvoiceHub.Web.Resources.AdminText.ChooseMinute,
        ScheduleKind.Daily or ScheduleKind.Weekdays or ScheduleKind.Weekly when At is null => InvoiceHub.Web.Resources.AdminText.ChooseTimeOfDay,
        _ => ToPlan().Problem(),
    };

    public JobSchedulePlan ToPlan() => Kind switch
    {
        ScheduleKind.Hourly => new(Kind, At: new TimeOnly(0, Math.Clamp(Minute, 0, 59))),
        ScheduleKind.Daily or ScheduleKind.Weekdays or ScheduleKind.Weekly => new(Kind, At: At ?? default, Day: Day),
        ScheduleKind.Custom => new(Kind, CustomCron: CustomCron),
        _ => new(Kind, Every),
    };
}
