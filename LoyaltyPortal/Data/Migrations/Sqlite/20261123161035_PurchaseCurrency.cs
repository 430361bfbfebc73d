using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PurchaseCurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "Activities",
                type: "TEXT",
                maxLength: 3,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Currency",
                table: "Activities");
        }
    }
}
