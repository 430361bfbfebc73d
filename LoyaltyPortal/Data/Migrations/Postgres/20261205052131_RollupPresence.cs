using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupPresence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PresenceFrom",
                table: "InsightsRollupStates",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActiveMemberPresences",
                columns: table => new
                {
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TierId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActiveMemberPresences", x => new { x.WeekStart, x.MemberId, x.StoreId, x.TierId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActiveMemberPresences");

            migrationBuilder.DropColumn(
                name: "PresenceFrom",
                table: "InsightsRollupStates");
        }
    }
}
