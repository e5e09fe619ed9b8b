using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000010_PaymentLinksAndProviders")]
public sealed class PaymentLinksAndProviders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var instant = migrationBuilder.InstantType();
        migrationBuilder.CreateTable(
            name: "PaymentLinks",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                DocumentKind = table.Column<string>(maxLength: 20, nullable: false),
                DocumentId = table.Column<int>(nullable: false),
                RenewsExpiry = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                RevokedAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_PaymentLinks", x => x.Id));
        migrationBuilder.CreateIndex("IX_PaymentLinks_TokenHash", "PaymentLinks", "TokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_PaymentLinks_DocumentKind_DocumentId", "PaymentLinks", ["DocumentKind", "DocumentId"]);

        migrationBuilder.CreateTable(
            name: "PaymentProviders",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                WireEnabled = table.Column<bool>(nullable: false),
                WireAccountHolder = table.Column<string>(maxLength: 200, nullable: false),
                WireIban = table.Column<string>(maxLength: 34, nullable: false),
                WireBic = table.Column<string>(maxLength: 11, nullable: false),
                WireInstructions = table.Column<string>(maxLength: 1000, nullable: false),
                MollieApiKeyProtected = table.Column<string>(maxLength: 2000, nullable: true),
                MollieApiKeyHint = table.Column<string>(maxLength: 20, nullable: true),
                MollieMethods = table.Column<string>(maxLength: 200, nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PaymentProviders", x => x.Id));

        migrationBuilder.CreateTable(
            name: "MollieCustomers",
            columns: table => new
            {
                ClientId = table.Column<int>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_MollieCustomers", x => x.ClientId));
        migrationBuilder.CreateIndex("IX_MollieCustomers_CustomerId", "MollieCustomers", "CustomerId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("MollieCustomers");
        migrationBuilder.DropTable("PaymentProviders");
        migrationBuilder.DropTable("PaymentLinks");
    }
}
