using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvoiceHub.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Chargebacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChargedBackMinor",
                table: "Payments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "ChargebackId",
                table: "Allocations",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Chargebacks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PaymentId = table.Column<int>(type: "int", nullable: false),
                    ClientId = table.Column<int>(type: "int", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    ProviderChargebackId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    ChargedBackAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    FromBalanceMinor = table.Column<long>(type: "bigint", nullable: false),
                    ShortfallMinor = table.Column<long>(type: "bigint", nullable: false),
                    ReopenedCreditRequest = table.Column<bool>(type: "bit", nullable: false),
                    ReversedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Chargebacks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Chargebacks_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Chargebacks_Payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MandateHolds",
                columns: table => new
                {
                    MandateId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ClientId = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    HeldAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ClearedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClearedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MandateHolds", x => x.MandateId);
                    table.ForeignKey(
                        name: "FK_MandateHolds_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_ChargebackId",
                table: "Allocations",
                column: "ChargebackId");

            migrationBuilder.CreateIndex(
                name: "IX_Chargebacks_ClientId",
                table: "Chargebacks",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Chargebacks_PaymentId",
                table: "Chargebacks",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_Chargebacks_ProviderChargebackId",
                table: "Chargebacks",
                column: "ProviderChargebackId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MandateHolds_ClientId",
                table: "MandateHolds",
                column: "ClientId");

            migrationBuilder.AddForeignKey(
                name: "FK_Allocations_Chargebacks_ChargebackId",
                table: "Allocations",
                column: "ChargebackId",
                principalTable: "Chargebacks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Allocations_Chargebacks_ChargebackId",
                table: "Allocations");

            migrationBuilder.DropTable(
                name: "Chargebacks");

            migrationBuilder.DropTable(
                name: "MandateHolds");

            migrationBuilder.DropIndex(
                name: "IX_Allocations_ChargebackId",
                table: "Allocations");

            migrationBuilder.DropColumn(
                name: "ChargedBackMinor",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ChargebackId",
                table: "Allocations");
        }
    }
}
