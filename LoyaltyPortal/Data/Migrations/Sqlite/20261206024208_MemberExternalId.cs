using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemberExternalId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Members",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_ExternalId",
                table: "Members",
                column: "ExternalId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_ExternalId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Members");
        }
    }
}
