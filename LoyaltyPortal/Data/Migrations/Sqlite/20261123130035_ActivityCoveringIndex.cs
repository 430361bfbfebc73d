using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Activities_MemberId_OccurredAt_Type_Points",
                table: "Activities",
                columns: new[] { "MemberId", "OccurredAt", "Type", "Points" });

            migrationBuilder.DropIndex(
                name: "IX_Activities_MemberId_OccurredAt",
                table: "Activities");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_MemberId_OccurredAt_Type_Points",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_MemberId_OccurredAt",
                table: "Activities",
                columns: new[] { "MemberId", "OccurredAt" });
        }
    }
}
