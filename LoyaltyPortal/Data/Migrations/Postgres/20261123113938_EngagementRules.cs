using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EngagementRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DropsAt",
                table: "MemberStandings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Points",
                table: "Activities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "EngagementRules",
                columns: table => new
                {
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    CapCount = table.Column<int>(type: "integer", nullable: true),
                    CapPeriod = table.Column<int>(type: "integer", nullable: false),
                    CapPerStore = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngagementRules", x => x.Type);
                });

            migrationBuilder.CreateTable(
                name: "ProgressSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    WindowMonths = table.Column<int>(type: "integer", nullable: false),
                    GraceDays = table.Column<int>(type: "integer", nullable: false),
                    LapseWarningDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressSettings", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EngagementRules");

            migrationBuilder.DropTable(
                name: "ProgressSettings");

            migrationBuilder.DropColumn(
                name: "DropsAt",
                table: "MemberStandings");

            migrationBuilder.DropColumn(
                name: "Points",
                table: "Activities");
        }
    }
}
