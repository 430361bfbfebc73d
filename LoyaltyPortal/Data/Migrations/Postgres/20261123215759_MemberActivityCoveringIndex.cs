using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MemberActivityCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Create before drop: the member foreign key and member queries keep an index throughout.
            migrationBuilder.CreateIndex(
                name: "IX_Activities_MemberId_OccurredAt_Type_Points_Amount_StoreId",
                table: "Activities",
                columns: new[] { "MemberId", "OccurredAt", "Type", "Points", "Amount", "StoreId" });

            migrationBuilder.DropIndex(
                name: "IX_Activities_MemberId_OccurredAt_Type_Points",
                table: "Activities");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_MemberId_OccurredAt_Type_Points_Amount_StoreId",
                table: "Activities");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_MemberId_OccurredAt_Type_Points",
                table: "Activities",
                columns: new[] { "MemberId", "OccurredAt", "Type", "Points" });
        }
    }
}
