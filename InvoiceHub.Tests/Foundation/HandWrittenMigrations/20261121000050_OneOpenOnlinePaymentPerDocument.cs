using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000050_OneOpenOnlinePaymentPerDocument")]
public sealed class OneOpenOnlinePaymentPerDocument : Migration
{
    // Frozen as it was when this migration ran; the model keeps its own copy (PaymentConfiguration.OpenOnlineFilter).
    private const string OpenOnlineFilter = "\"Provider\" = 'Mollie' AND \"Status\" IN ('Open', 'Pending', 'Authorized')";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_Payments_OneOpenOnlinePerInvoice", "Payments", "InvoiceId", unique: true, filter: OpenOnlineFilter);
        migrationBuilder.CreateIndex("IX_Payments_OneOpenOnlinePerCreditRequest", "Payments", "CreditRequestId", unique: true, filter: OpenOnlineFilter);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Payments_OneOpenOnlinePerInvoice", "Payments");
        migrationBuilder.DropIndex("IX_Payments_OneOpenOnlinePerCreditRequest", "Payments");
    }
}
