using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Web.Data.Migrations;

[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000050_OneOpenOnlinePaymentPerDocument")]
public sealed class OneOpenOnlinePaymentPerDocument : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_Payments_OneOpenOnlinePerInvoice", "Payments", "InvoiceId", unique: true, filter: PaymentConfiguration.OpenOnlineFilter);
        migrationBuilder.CreateIndex("IX_Payments_OneOpenOnlinePerCreditRequest", "Payments", "CreditRequestId", unique: true, filter: PaymentConfiguration.OpenOnlineFilter);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Payments_OneOpenOnlinePerInvoice", "Payments");
        migrationBuilder.DropIndex("IX_Payments_OneOpenOnlinePerCreditRequest", "Payments");
    }
}
