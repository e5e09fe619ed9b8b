using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Web.Data.Migrations;

/// <summary>The client's billing address and VAT number, for invoices that meet the EU VAT content rules; empty for existing clients.</summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261203000001_ClientBillingDetails")]
public sealed class ClientBillingDetails : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("Address", "Clients", maxLength: 500, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>("VatNumber", "Clients", maxLength: 20, nullable: false, defaultValue: "");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("Address", "Clients");
        migrationBuilder.DropColumn("VatNumber", "Clients");
    }
}
