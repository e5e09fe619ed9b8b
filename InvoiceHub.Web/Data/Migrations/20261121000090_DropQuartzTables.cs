using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Web.Data.Migrations;

/// <summary>
/// The jobs moved from Quartz.NET to Hangfire (docs/decisions/0020): Quartz's own tables, created by its
/// ProvisionSchema() outside the migrations, go. Unquoted names in plain SQL that SQLite and PostgreSQL both accept
/// (PostgreSQL folds them to the lower-case names Quartz gave it); dependent tables before the ones they refer to.
/// Saved schedules stay in JobSchedules; the jobs service reads Quartz's cron syntax there (JobCron.FromStored).
/// </summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000090_DropQuartzTables")]
public sealed class DropQuartzTables : Migration
{
    public static readonly string[] QuartzTables =
    [
        "QRTZ_FIRED_TRIGGERS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_PAUSED_JOB_GRPS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS",
        "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_BLOB_TRIGGERS",
        "QRTZ_EXECUTION_HISTORY", "QRTZ_MISFIRE_HISTORY", "QRTZ_JOB_STATUS", "QRTZ_TRIGGERS", "QRTZ_JOB_DETAILS", "QRTZ_CALENDARS",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in QuartzTables)
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
        }
    }

    // Quartz provisioned its tables itself, and nothing reads them any more: there is nothing to bring back.
    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
