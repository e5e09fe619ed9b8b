using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvoiceHub.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ClientLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Clients",
                type: "nvarchar(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "en");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "Clients");
        }
    }
}
