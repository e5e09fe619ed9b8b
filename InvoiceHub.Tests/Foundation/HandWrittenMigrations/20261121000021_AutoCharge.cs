using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

/// <summary>Clients' Mollie customers and mandates, and the auto-charge attempts (one row per document per attempt).</summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000021_AutoCharge")]
public sealed class AutoCharge : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var instant = migrationBuilder.InstantType();
        migrationBuilder.CreateTable(
            name: "MollieMandates",
            columns: table => new
            {
                ClientId = table.Column<int>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 40, nullable: false),
                MandateId = table.Column<string>(maxLength: 40, nullable: false),
                MandateStatus = table.Column<string>(maxLength: 20, nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_MollieMandates", x => x.ClientId));

        migrationBuilder.CreateTable(
            name: "AutoChargeAttempts",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                DocumentKind = table.Column<string>(maxLength: 20, nullable: false),
                DocumentId = table.Column<int>(nullable: false),
                Attempt = table.Column<int>(nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 100, nullable: false),
                PaymentId = table.Column<int>(nullable: false),
                ProviderPaymentId = table.Column<string>(maxLength: 40, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                CompletedAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                Error = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AutoChargeAttempts", x => x.Id));
        migrationBuilder.CreateIndex("IX_AutoChargeAttempts_DocumentKind_DocumentId_Attempt", "AutoChargeAttempts", ["DocumentKind", "DocumentId", "Attempt"], unique: true);
        migrationBuilder.CreateIndex("IX_AutoChargeAttempts_IdempotencyKey", "AutoChargeAttempts", "IdempotencyKey", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AutoChargeAttempts");
        migrationBuilder.DropTable("MollieMandates");
    }
}
