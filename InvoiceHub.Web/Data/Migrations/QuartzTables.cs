using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Web.Data.Migrations;

/// <summary>
/// The jobs moved from Quartz.NET to Hangfire (docs/decisions/0020): Quartz's own tables, created by its ProvisionSchema()
/// outside the migrations, go in each provider's DropQuartzTables migration. Unquoted names in plain SQL that every
/// provider accepts (PostgreSQL folds them to the lower-case names Quartz gave it); dependent tables before the ones
/// they refer to. Saved schedules stay in JobSchedules; the jobs service reads Quartz's cron syntax there (JobCron.FromStored).
/// Nothing reads the tables any more, so their migrations' Down brings nothing back.
/// </summary>
public static class QuartzTables
{
    public static readonly string[] Names =
    [
        "QRTZ_FIRED_TRIGGERS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_PAUSED_JOB_GRPS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS",
        "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_BLOB_TRIGGERS",
        "QRTZ_EXECUTION_HISTORY", "QRTZ_MISFIRE_HISTORY", "QRTZ_JOB_STATUS", "QRTZ_TRIGGERS", "QRTZ_JOB_DETAILS", "QRTZ_CALENDARS",
    ];

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in Names)
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
        }
    }
}
