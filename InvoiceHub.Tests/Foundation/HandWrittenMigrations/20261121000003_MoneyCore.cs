using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000003_MoneyCore")]
public sealed class MoneyCore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var instant = migrationBuilder.InstantType();
        var sqlite = migrationBuilder.IsSqlite();

        migrationBuilder.CreateTable(
            name: "Clients",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                BalanceMinor = table.Column<long>(nullable: false),
                AutoCharge = table.Column<bool>(nullable: false),
                PortalAccess = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Clients", x => x.Id));

        migrationBuilder.CreateTable(
            name: "InvoiceNumberCounters",
            columns: table => new
            {
                Year = table.Column<int>(nullable: false),
                LastNumber = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_InvoiceNumberCounters", x => x.Year));

        migrationBuilder.CreateTable(
            name: "Invoices",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                ClientId = table.Column<int>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Number = table.Column<string>(maxLength: 20, nullable: true),
                DueDate = table.Column<DateOnly>(nullable: false),
                IssuedOn = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                PaidAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                VoidedAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                VoidReason = table.Column<string>(maxLength: 500, nullable: true),
                NetMinor = table.Column<long>(nullable: false),
                TaxMinor = table.Column<long>(nullable: false),
                TotalMinor = table.Column<long>(nullable: false),
                AmountPaidMinor = table.Column<long>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Invoices", x => x.Id);
                table.ForeignKey("FK_Invoices_Clients_ClientId", x => x.ClientId, "Clients", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "InvoiceLines",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                Position = table.Column<int>(nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: false),
                Quantity = table.Column<decimal>(precision: 18, scale: 3, nullable: false),
                UnitPriceMinor = table.Column<long>(nullable: false),
                TaxRatePercent = table.Column<decimal>(precision: 5, scale: 2, nullable: false),
                NetMinor = table.Column<long>(nullable: false),
                TaxMinor = table.Column<long>(nullable: false),
                TotalMinor = table.Column<long>(nullable: false),
                InvoiceId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InvoiceLines", x => x.Id);
                table.ForeignKey("FK_InvoiceLines_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
            });

        // CreditRequests and Payments reference each other. SQLite accepts a reference to a table created
        // later but cannot add a foreign key afterwards; PostgreSQL is the other way round.
        migrationBuilder.CreateTable(
            name: "CreditRequests",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                ClientId = table.Column<int>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: false),
                DueDate = table.Column<DateOnly>(nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                PaidAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                CancelledAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                PaymentId = table.Column<int>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CreditRequests", x => x.Id);
                table.ForeignKey("FK_CreditRequests_Clients_ClientId", x => x.ClientId, "Clients", "Id", onDelete: ReferentialAction.Restrict);
                if (sqlite)
                {
                    table.ForeignKey("FK_CreditRequests_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Restrict);
                }
            });

        migrationBuilder.CreateTable(
            name: "Payments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                ClientId = table.Column<int>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Method = table.Column<string>(maxLength: 20, nullable: false),
                Provider = table.Column<string>(maxLength: 20, nullable: false),
                ProviderPaymentId = table.Column<string>(maxLength: 64, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                InitiatedBy = table.Column<string>(maxLength: 20, nullable: false),
                Reference = table.Column<string>(maxLength: 200, nullable: true),
                ReceivedOn = table.Column<DateOnly>(nullable: true),
                InvoiceId = table.Column<int>(nullable: true),
                CreditRequestId = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                StatusChangedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                PaidAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                RecordedAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Payments", x => x.Id);
                table.ForeignKey("FK_Payments_Clients_ClientId", x => x.ClientId, "Clients", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Payments_CreditRequests_CreditRequestId", x => x.CreditRequestId, "CreditRequests", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Payments_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Restrict);
            });

        if (!sqlite)
        {
            migrationBuilder.AddForeignKey("FK_CreditRequests_Payments_PaymentId", "CreditRequests", "PaymentId", "Payments",
                principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        }

        migrationBuilder.CreateTable(
            name: "BalanceEntries",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                BalanceAfterMinor = table.Column<long>(nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                InvoiceId = table.Column<int>(nullable: true),
                CreditRequestId = table.Column<int>(nullable: true),
                PaymentId = table.Column<int>(nullable: true),
                ClientId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BalanceEntries", x => x.Id);
                table.ForeignKey("FK_BalanceEntries_Clients_ClientId", x => x.ClientId, "Clients", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_BalanceEntries_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_BalanceEntries_CreditRequests_CreditRequestId", x => x.CreditRequestId, "CreditRequests", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_BalanceEntries_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Allocations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                AmountMinor = table.Column<long>(nullable: false),
                Source = table.Column<string>(maxLength: 20, nullable: false),
                PaymentId = table.Column<int>(nullable: true),
                BalanceEntryId = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                VoidedAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                InvoiceId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Allocations", x => x.Id);
                table.ForeignKey("FK_Allocations_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Allocations_BalanceEntries_BalanceEntryId", x => x.BalanceEntryId, "BalanceEntries", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Allocations_Payments_PaymentId", x => x.PaymentId, "Payments", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_Allocations_BalanceEntryId", "Allocations", "BalanceEntryId", unique: true);
        migrationBuilder.CreateIndex("IX_Allocations_InvoiceId", "Allocations", "InvoiceId");
        migrationBuilder.CreateIndex("IX_Allocations_PaymentId", "Allocations", "PaymentId");
        migrationBuilder.CreateIndex("IX_BalanceEntries_ClientId_CreatedAt", "BalanceEntries", ["ClientId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_BalanceEntries_CreditRequestId", "BalanceEntries", "CreditRequestId");
        migrationBuilder.CreateIndex("IX_BalanceEntries_InvoiceId", "BalanceEntries", "InvoiceId");
        migrationBuilder.CreateIndex("IX_BalanceEntries_PaymentId", "BalanceEntries", "PaymentId");
        migrationBuilder.CreateIndex("IX_Clients_Email", "Clients", "Email");
        migrationBuilder.CreateIndex("IX_Clients_Name", "Clients", "Name");
        migrationBuilder.CreateIndex("IX_CreditRequests_ClientId_Status", "CreditRequests", ["ClientId", "Status"]);
        migrationBuilder.CreateIndex("IX_CreditRequests_PaymentId", "CreditRequests", "PaymentId");
        migrationBuilder.CreateIndex("IX_CreditRequests_Status_DueDate", "CreditRequests", ["Status", "DueDate"]);
        migrationBuilder.CreateIndex("IX_InvoiceLines_InvoiceId", "InvoiceLines", "InvoiceId");
        migrationBuilder.CreateIndex("IX_Invoices_ClientId_Status_DueDate", "Invoices", ["ClientId", "Status", "DueDate"]);
        migrationBuilder.CreateIndex("IX_Invoices_Number", "Invoices", "Number", unique: true);
        migrationBuilder.CreateIndex("IX_Invoices_Status_DueDate", "Invoices", ["Status", "DueDate"]);
        migrationBuilder.CreateIndex("IX_Payments_ClientId_CreatedAt", "Payments", ["ClientId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Payments_CreditRequestId", "Payments", "CreditRequestId");
        migrationBuilder.CreateIndex("IX_Payments_InvoiceId", "Payments", "InvoiceId");
        migrationBuilder.CreateIndex("IX_Payments_ProviderPaymentId", "Payments", "ProviderPaymentId", unique: true);
        migrationBuilder.CreateIndex("IX_Payments_Status_CreatedAt", "Payments", ["Status", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.DropForeignKey("FK_CreditRequests_Payments_PaymentId", "CreditRequests");
        }
        foreach (var table in new[] { "Allocations", "BalanceEntries", "Payments", "CreditRequests", "InvoiceLines", "Invoices", "InvoiceNumberCounters", "Clients" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
