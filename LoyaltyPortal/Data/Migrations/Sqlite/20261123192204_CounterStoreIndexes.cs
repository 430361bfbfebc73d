using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CounterStoreIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_StoreId",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Members_HomeStoreId_JoinedAt",
                table: "Members",
                columns: new[] { "HomeStoreId", "JoinedAt" },
                filter: "\"AnonymisedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_StoreId_Type_OccurredAt",
                table: "Activities",
                columns: new[] { "StoreId", "Type", "OccurredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_HomeStoreId_JoinedAt",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Activities_StoreId_Type_OccurredAt",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_StoreId",
                table: "Activities",
                column: "StoreId");
        }
    }
}
