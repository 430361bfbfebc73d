using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartialMemberIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_HomeStoreId_SearchName",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_JoinedAt",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_SearchEmail",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_SearchName",
                table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_HomeStoreId_SearchName",
                table: "Members",
                columns: new[] { "HomeStoreId", "SearchName" },
                filter: "\"AnonymisedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Members_JoinedAt",
                table: "Members",
                column: "JoinedAt",
                filter: "\"AnonymisedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Members_SearchEmail",
                table: "Members",
                column: "SearchEmail",
                filter: "\"AnonymisedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Members_SearchName",
                table: "Members",
                column: "SearchName",
                filter: "\"AnonymisedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_HomeStoreId_SearchName",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_JoinedAt",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_SearchEmail",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_SearchName",
                table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_HomeStoreId_SearchName",
                table: "Members",
                columns: new[] { "HomeStoreId", "SearchName" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_JoinedAt",
                table: "Members",
                column: "JoinedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Members_SearchEmail",
                table: "Members",
                column: "SearchEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Members_SearchName",
                table: "Members",
                column: "SearchName");
        }
    }
}
