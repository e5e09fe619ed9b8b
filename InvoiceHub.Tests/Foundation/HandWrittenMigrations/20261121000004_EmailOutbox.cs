using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Tests.Foundation.HandWrittenMigrations;

[DbContext(typeof(InvoiceHubDbContext))]
[Migration("20261121000004_EmailOutbox")]
public sealed class EmailOutbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var instant = migrationBuilder.InstantType();
        migrationBuilder.CreateTable(
            name: "Outbox",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(MigrationColumns.SqliteAutoincrement, true)
                    .Annotation(MigrationColumns.NpgsqlValueGeneration, MigrationColumns.NpgsqlIdentityByDefault),
                To = table.Column<string>(maxLength: 254, nullable: false),
                Subject = table.Column<string>(maxLength: 300, nullable: false),
                HtmlBody = table.Column<string>(nullable: false),
                TextBody = table.Column<string>(nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                DeduplicationKey = table.Column<string>(maxLength: 200, nullable: true),
                AttachmentName = table.Column<string>(maxLength: 200, nullable: true),
                AttachmentContentType = table.Column<string>(maxLength: 100, nullable: true),
                AttachmentContent = table.Column<byte[]>(nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                NextAttemptAt = table.Column<DateTimeOffset>(type: instant, nullable: false),
                SentAt = table.Column<DateTimeOffset>(type: instant, nullable: true),
                LastError = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Outbox", x => x.Id));

        migrationBuilder.CreateIndex("IX_Outbox_DeduplicationKey", "Outbox", "DeduplicationKey", unique: true);
        migrationBuilder.CreateIndex("IX_Outbox_Status_NextAttemptAt", "Outbox", ["Status", "NextAttemptAt"]);
        migrationBuilder.CreateIndex("IX_Outbox_To_CreatedAt", "Outbox", ["To", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Outbox");
}
