using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

/// <summary>Refunds of payments (docs/decisions/0009): the Refunds table, what each payment has refunded, and the refund behind a reversing allocation.</summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000060_Refunds")]
public sealed class Refunds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var instant = migrationBuilder.InstantType();
        migrationBuilder.AddColumn<long>("RefundedMinor", "Payments", nullable: false, defaultValue: 0L);
        migrationBuilder.CreateTable(
            name: "Refunds",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                PaymentId = table.Column<int>(nullable: false),
                ClientId = table.Column<int>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Destination = table.Column<string>(maxLength: 20, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                ProviderRefundId = table.Column<string>(maxLength: 64, nullable: true),
                Reason = table.Column<string>(maxLength: 140, nullable: false),
                RequestedBy = table.Column<string>(maxLength: 256, nullable: false),
                RequestKey = table.Column<string>(maxLength: 100, nullable: true),
                FromBalanceMinor = table.Column<long>(nullable: false),
                FailureReason = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                StatusChangedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Refunds", x => x.Id);
                table.ForeignKey("FK_Refunds_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Refunds_Clients_ClientId", x => x.ClientId, "Clients", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Refunds_ClientId", "Refunds", "ClientId");
        migrationBuilder.CreateIndex("IX_Refunds_PaymentId_CreatedAt", "Refunds", ["PaymentId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Refunds_ProviderRefundId", "Refunds", "ProviderRefundId", unique: true);
        migrationBuilder.CreateIndex("IX_Refunds_RequestKey", "Refunds", "RequestKey", unique: true);

        if (migrationBuilder.IsSqlite())
        {
            // SQLite adds a foreign key only together with its column.
            migrationBuilder.Sql("""ALTER TABLE "Allocations" ADD COLUMN "RefundId" INTEGER NULL REFERENCES "Refunds" ("Id") ON DELETE RESTRICT""");
        }
        else
        {
            migrationBuilder.AddColumn<int>("RefundId", "Allocations", nullable: true);
            migrationBuilder.AddForeignKey("FK_Allocations_Refunds_RefundId", "Allocations", "RefundId", "Refunds",
                principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        }

        migrationBuilder.CreateIndex("IX_Allocations_RefundId", "Allocations", "RefundId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Allocations_RefundId", "Allocations");
        if (!migrationBuilder.IsSqlite())
        {
            // SQLite cannot drop a column that carries a foreign key; there it stays, unused.
            migrationBuilder.DropForeignKey("FK_Allocations_Refunds_RefundId", "Allocations");
            migrationBuilder.DropColumn("RefundId", "Allocations");
        }
        migrationBuilder.DropTable("Refunds");
        migrationBuilder.DropColumn("RefundedMinor", "Payments");
    }
}
