using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

/// <summary>Which scheduled fire time a job run was for, so a cluster's history shows each ran once.</summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000022_JobRunScheduledFor")]
public sealed class JobRunScheduledFor : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTimeOffset>("ScheduledFor", "JobRuns", type: migrationBuilder.InstantType(), nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("ScheduledFor", "JobRuns");
}
