using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

/// <summary>The documents of payments for several documents at once, with at most one open payment per document (docs/decisions/0009).</summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000061_PaymentDocuments")]
public sealed class PaymentDocuments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PaymentDocuments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                PaymentId = table.Column<int>(nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                DocumentId = table.Column<int>(nullable: false),
                Open = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentDocuments", x => x.Id);
                table.ForeignKey("FK_PaymentDocuments_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PaymentDocuments_PaymentId", "PaymentDocuments", "PaymentId");
        migrationBuilder.CreateIndex("IX_PaymentDocuments_OneOpenPerDocument", "PaymentDocuments", ["Kind", "DocumentId"], unique: true, filter: "\"Open\"");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("PaymentDocuments");
}
