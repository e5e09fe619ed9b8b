using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Web.Data.Migrations;

/// <summary>
/// Chargebacks (docs/decisions/0021): the Chargebacks table, what each payment has had charged back, the chargeback
/// behind a reversing allocation, and the holds that keep auto-charge off a charged-back mandate.
/// </summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000090_Chargebacks")]
public sealed class Chargebacks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var instant = migrationBuilder.InstantType();
        migrationBuilder.AddColumn<long>("ChargedBackMinor", "Payments", nullable: false, defaultValue: 0L);
        migrationBuilder.CreateTable(
            name: "Chargebacks",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                PaymentId = table.Column<int>(nullable: false),
                ClientId = table.Column<int>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                ProviderChargebackId = table.Column<string>(maxLength: 64, nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Reason = table.Column<string>(maxLength: 300, nullable: true),
                ChargedBackAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                RecordedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                FromBalanceMinor = table.Column<long>(nullable: false),
                ShortfallMinor = table.Column<long>(nullable: false),
                ReopenedCreditRequest = table.Column<bool>(nullable: false),
                ReversedAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Chargebacks", x => x.Id);
                table.ForeignKey("FK_Chargebacks_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Chargebacks_Clients_ClientId", x => x.ClientId, "Clients", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Chargebacks_ClientId", "Chargebacks", "ClientId");
        migrationBuilder.CreateIndex("IX_Chargebacks_PaymentId", "Chargebacks", "PaymentId");
        migrationBuilder.CreateIndex("IX_Chargebacks_ProviderChargebackId", "Chargebacks", "ProviderChargebackId", unique: true);

        if (migrationBuilder.IsSqlite())
        {
            // SQLite adds a foreign key only together with its column.
            migrationBuilder.Sql("""ALTER TABLE "Allocations" ADD COLUMN "ChargebackId" INTEGER NULL REFERENCES "Chargebacks" ("Id") ON DELETE RESTRICT""");
        }
        else
        {
            migrationBuilder.AddColumn<int>("ChargebackId", "Allocations", nullable: true);
            migrationBuilder.AddForeignKey("FK_Allocations_Chargebacks_ChargebackId", "Allocations", "ChargebackId", "Chargebacks",
                principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        }

        migrationBuilder.CreateIndex("IX_Allocations_ChargebackId", "Allocations", "ChargebackId");

        migrationBuilder.CreateTable(
            name: "MandateHolds",
            columns: table => new
            {
                MandateId = table.Column<string>(maxLength: 64, nullable: false),
                ClientId = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 300, nullable: false),
                HeldAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                ClearedAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                ClearedBy = table.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MandateHolds", x => x.MandateId);
                table.ForeignKey("FK_MandateHolds_Clients_ClientId", x => x.ClientId, "Clients", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_MandateHolds_ClientId", "MandateHolds", "ClientId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("MandateHolds");
        migrationBuilder.DropIndex("IX_Allocations_ChargebackId", "Allocations");
        if (!migrationBuilder.IsSqlite())
        {
            // SQLite cannot drop a column that carries a foreign key; there it stays, unused.
            migrationBuilder.DropForeignKey("FK_Allocations_Chargebacks_ChargebackId", "Allocations");
            migrationBuilder.DropColumn("ChargebackId", "Allocations");
        }
        migrationBuilder.DropTable("Chargebacks");
        migrationBuilder.DropColumn("ChargedBackMinor", "Payments");
    }
}
