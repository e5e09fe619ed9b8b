using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000002_Settings")]
public sealed class Settings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Settings",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                OnlineInvoicePayment = table.Column<bool>(nullable: false),
                ClientLogin = table.Column<bool>(nullable: false),
                AutomaticallyMarkInvoicesPaid = table.Column<bool>(nullable: false),
                AutoCharge = table.Column<bool>(nullable: false),
                AutoChargeInvoices = table.Column<bool>(nullable: false),
                AllowPartialOnlinePayments = table.Column<bool>(nullable: false),
                MinimumPartialPaymentMinor = table.Column<long>(nullable: false),
                ReminderSchedule = table.Column<string>(maxLength: 200, nullable: false),
                DefaultCurrency = table.Column<string>(maxLength: 3, nullable: false),
                CompanyName = table.Column<string>(maxLength: 200, nullable: false),
                CompanyAddress = table.Column<string>(maxLength: 1000, nullable: false),
                CompanyEmail = table.Column<string>(maxLength: 256, nullable: false),
                CompanyVatNumber = table.Column<string>(maxLength: 50, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Settings", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Settings");
}
