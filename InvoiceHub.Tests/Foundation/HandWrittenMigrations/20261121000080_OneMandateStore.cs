using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

/// <summary>
/// Auto-charge reads mandates from Mollie through the client's Mollie customer (MollieCustomers), like the mandates
/// API and Take Payment ▸ Online: the customers of the old copy are kept there, the copy itself is dropped.
/// </summary>
[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000080_OneMandateStore")]
public sealed class OneMandateStore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            INSERT INTO "MollieCustomers" ("ClientId", "CustomerId", "CreatedAt")
            SELECT m."ClientId", m."CustomerId", m."UpdatedAt" FROM "MollieMandates" m
            WHERE NOT EXISTS (SELECT 1 FROM "MollieCustomers" c WHERE c."ClientId" = m."ClientId" OR c."CustomerId" = m."CustomerId")
            """);
        migrationBuilder.DropTable("MollieMandates");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "MollieMandates",
            columns: table => new
            {
                ClientId = table.Column<int>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 40, nullable: false),
                MandateId = table.Column<string>(maxLength: 40, nullable: false),
                MandateStatus = table.Column<string>(maxLength: 20, nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: migrationBuilder.InstantType(), nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_MollieMandates", x => x.ClientId));
    }
}
