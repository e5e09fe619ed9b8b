using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

/// <summary>Which invoice or credit request an email is about, so the document's timeline lists its emails.</summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000070_OutboxDocument")]
public sealed class OutboxDocument : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>("InvoiceId", "Outbox", nullable: true);
        migrationBuilder.AddColumn<int>("CreditRequestId", "Outbox", nullable: true);
        migrationBuilder.CreateIndex("IX_Outbox_InvoiceId", "Outbox", "InvoiceId");
        migrationBuilder.CreateIndex("IX_Outbox_CreditRequestId", "Outbox", "CreditRequestId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Outbox_InvoiceId", "Outbox");
        migrationBuilder.DropIndex("IX_Outbox_CreditRequestId", "Outbox");
        migrationBuilder.DropColumn("InvoiceId", "Outbox");
        migrationBuilder.DropColumn("CreditRequestId", "Outbox");
    }
}
