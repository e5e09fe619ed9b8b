using AngleSharp.Dom;
using Bunit;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Settings;
using MudBlazor;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>The jobs page's schedule editor and the settings' switches, rendered with bunit.</summary>
public sealed class JobsComponentTests : ComponentTestContext
{
    private static string Text(IElement element) => System.Net.WebUtility.HtmlDecode(element.TextContent).Trim();

    private (IRenderedComponent<ScheduleEditor> Editor, List<string> Saved) RenderEditor(ScheduleEdit edit)
    {
        var saved = new List<string>();
        Render<MudPopoverProvider>();
        var editor = Render<ScheduleEditor>(p => p
            .Add(x => x.JobName, "reminders")
            .Add(x => x.Edit, edit)
            .Add(x => x.Cron, "0 8 * * *")
            .Add(x => x.OnSave, () => saved.Add("saved")));
        return (editor, saved);
    }

    [Fact]
    public void Every_zero_minutes_is_refused_under_the_fields_and_not_saved()
    {
        var (editor, saved) = RenderEditor(new ScheduleEdit { Kind = ScheduleKind.EveryMinutes, Every = 0 });

        editor.Find("form").Submit();

        var message = editor.Find("[data-testid=schedule-message-reminders]");
        Assert.Equal("Choose every 1 to 59 minutes.", Text(message));
        Assert.Contains("mud-error-text", message.ClassName, StringComparison.Ordinal);
        Assert.Equal("true", editor.Find("#schedule-every-reminders").GetAttribute("aria-invalid"));
        Assert.Empty(saved);
    }

    [Fact]
    public void A_daily_schedule_without_a_time_asks_for_one()
    {
        var (editor, saved) = RenderEditor(new ScheduleEdit { Kind = ScheduleKind.Daily, At = null });

        editor.Find("form").Submit();

        Assert.Equal("Choose a time of day (UTC).", Text(editor.Find("[data-testid=schedule-message-reminders]")));
        Assert.Empty(saved);
    }

    [Fact]
    public void A_valid_plan_goes_to_save_and_the_cron_is_shown_as_words()
    {
        var (editor, saved) = RenderEditor(new ScheduleEdit { Kind = ScheduleKind.Weekdays, At = new TimeOnly(7, 30) });

        editor.Find("form").Submit();

        Assert.Equal(["saved"], saved);
        Assert.Empty(editor.FindAll("[data-testid=schedule-message-reminders]"));
        Assert.Equal("0 8 * * *", Text(editor.Find("[data-testid=cron-reminders]")));
        Assert.Equal(JobSchedulePlan.FromCron("0 8 * * *").Describe(), Text(editor.Find("[data-testid=schedule-describe-reminders]")));
    }

    [Fact]
    public void Setting_switch_is_a_labelled_checkbox_that_carries_its_test_id_and_says_what_it_does()
    {
        var changed = new List<bool>();
        var setting = Render<SettingSwitch>(p => p
            .Add(x => x.Label, "Online Invoice Payment")
            .Add(x => x.TestId, "setting-online-invoice-payment")
            .Add(x => x.Help, "Clients see Pay Now.")
            .Add(x => x.Value, false)
            .Add(x => x.ValueChanged, (bool v) => changed.Add(v)));

        var input = setting.Find("input[type=checkbox]");
        Assert.Equal("setting-online-invoice-payment", input.GetAttribute("data-testid"));
        Assert.Contains("Online Invoice Payment", Text(input.Closest("label")!), StringComparison.Ordinal);
        Assert.Equal("Clients see Pay Now.", Text(setting.Find("#setting-online-invoice-payment-help")));

        input.Change(true);

        Assert.Equal([true], changed);
    }
}
