using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

/// <summary>The company logo, stored in the settings row, for invoice PDFs and email headers.</summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000071_CompanyLogo")]
public sealed class CompanyLogo : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<byte[]>("LogoContent", "Settings", nullable: true);
        migrationBuilder.AddColumn<string>("LogoContentType", "Settings", maxLength: 20, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("LogoContent", "Settings");
        migrationBuilder.DropColumn("LogoContentType", "Settings");
    }
}
