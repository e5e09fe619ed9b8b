using InvoiceHub.Web.Features.Jobs;

namespace InvoiceHub.Tests.Features.Jobs;

public sealed class JobSchedulePlanTests
{
    [Theory]
    [InlineData("*/30 * * * * *", ScheduleKind.EverySeconds, "Every 30 seconds")]
    [InlineData("*/15 * * * *", ScheduleKind.EveryMinutes, "Every 15 minutes")]
    [InlineData("5 * * * *", ScheduleKind.Hourly, "Every hour at minute 5")]
    [InlineData("0 8 * * *", ScheduleKind.Daily, "Daily at 08:00 UTC")]
    [InlineData("30 7 * * 1-5", ScheduleKind.Weekdays, "Weekdays (Monday to Friday) at 07:30 UTC")]
    [InlineData("45 18 * * 0", ScheduleKind.Weekly, "Every Sunday at 18:45 UTC")]
    public void A_plan_reads_back_from_the_cron_it_writes(string cron, ScheduleKind kind, string said)
    {
        var plan = JobSchedulePlan.FromCron(cron);

        Assert.Equal(kind, plan.Kind);
        Assert.Equal(said, plan.Describe());
        Assert.Equal(cron, plan.ToCron());
    }

    [Fact]
    public void A_cron_no_plan_says_is_kept_as_a_custom_schedule()
    {
        var plan = JobSchedulePlan.FromCron("0 0 1 1 *");

        Assert.Equal(ScheduleKind.Custom, plan.Kind);
        Assert.Equal("0 0 1 1 *", plan.ToCron());
        Assert.Null(plan.Problem());
    }

    [Theory]
    [InlineData(ScheduleKind.EveryMinutes, 0)]
    [InlineData(ScheduleKind.EveryMinutes, 60)]
    [InlineData(ScheduleKind.EverySeconds, 0)]
    public void Every_outside_1_to_59_is_refused_in_words(ScheduleKind kind, int every)
    {
        Assert.StartsWith("Choose every 1 to 59", new JobSchedulePlan(kind, every).Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_form_without_a_time_of_day_says_so()
    {
        var edit = new ScheduleEdit { Kind = ScheduleKind.Daily, At = null };

        Assert.Equal("Choose a time of day (UTC).", edit.Problem());
    }

    [Theory]
    [InlineData("0 0 6 * * ?", "0 6 * * *")]
    [InlineData("0 0 8 * * ?", "0 8 * * *")]
    [InlineData("0/30 * * * * ?", "*/30 * * * * *")]
    [InlineData("0 0/15 * * * ?", "*/15 * * * *")]
    [InlineData("0 30 7 ? * MON-FRI", "30 7 * * MON-FRI")]
    [InlineData("0 30 7 ? * 2-6", "30 7 * * 1-5")]
    [InlineData("0 0 12 ? * 1", "0 12 * * 0")]
    [InlineData("0 0 12 ? * 6#3", "0 12 * * 5#3")]
    [InlineData("0 0 0 1 1 ? 2099", "0 0 1 1 *")]
    [InlineData("30 7 * * 1-5", "30 7 * * 1-5")]
    [InlineData("*/30 * * * * *", "*/30 * * * * *")]
    public void A_schedule_saved_under_Quartz_reads_as_Hangfires_cron(string stored, string hangfire)
    {
        Assert.Equal(hangfire, JobCron.FromStored(stored));
    }
}
