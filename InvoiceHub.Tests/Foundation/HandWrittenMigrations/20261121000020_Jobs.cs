using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

/// <summary>The jobs' run history and Admin-edited schedules.</summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000020_Jobs")]
public sealed class Jobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var instant = migrationBuilder.InstantType();
        migrationBuilder.CreateTable(
            name: "JobRuns",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                JobName = table.Column<string>(maxLength: 40, nullable: false),
                RequestId = table.Column<string>(maxLength: 40, nullable: true),
                Node = table.Column<string>(maxLength: 100, nullable: false),
                StartedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                FinishedAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                Outcome = table.Column<string>(maxLength: 20, nullable: false),
                Processed = table.Column<int>(nullable: false),
                Failures = table.Column<int>(nullable: false),
                Message = table.Column<string>(maxLength: 4000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_JobRuns", x => x.Id));
        migrationBuilder.CreateIndex("IX_JobRuns_JobName_StartedAt", "JobRuns", ["JobName", "StartedAt"]);
        migrationBuilder.CreateIndex("IX_JobRuns_RequestId", "JobRuns", "RequestId");

        migrationBuilder.CreateTable(
            name: "JobSchedules",
            columns: table => new
            {
                JobName = table.Column<string>(maxLength: 40, nullable: false),
                Cron = table.Column<string>(maxLength: 120, nullable: false),
                ChangedBy = table.Column<string>(maxLength: 256, nullable: false),
                ChangedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_JobSchedules", x => x.JobName));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("JobSchedules");
        migrationBuilder.DropTable("JobRuns");
    }
}
