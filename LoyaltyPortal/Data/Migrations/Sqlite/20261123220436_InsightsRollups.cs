using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InsightsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActiveMembersWeeks",
                columns: table => new
                {
                    WeekStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TierId = table.Column<int>(type: "INTEGER", nullable: false),
                    Members = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActiveMembersWeeks", x => new { x.WeekStart, x.StoreId, x.TierId });
                });

            migrationBuilder.CreateTable(
                name: "ActivityDayTotals",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TierId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityDayTotals", x => new { x.Day, x.StoreId, x.TierId, x.Type });
                });

            migrationBuilder.CreateTable(
                name: "InsightsRollupStates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivitiesThrough = table.Column<long>(type: "INTEGER", nullable: false),
                    PulsesThrough = table.Column<long>(type: "INTEGER", nullable: false),
                    TierChangesThrough = table.Column<long>(type: "INTEGER", nullable: false),
                    RefreshedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightsRollupStates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PulseDayChoices",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TierId = table.Column<int>(type: "INTEGER", nullable: false),
                    HomeStoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseDayChoices", x => new { x.Day, x.TierId, x.HomeStoreId, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "PulseDayTotals",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TierId = table.Column<int>(type: "INTEGER", nullable: false),
                    HomeStoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoreTotal = table.Column<int>(type: "INTEGER", nullable: false),
                    Dismissals = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseDayTotals", x => new { x.Day, x.TierId, x.HomeStoreId });
                });

            migrationBuilder.CreateTable(
                name: "TierHoldingTotals",
                columns: table => new
                {
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TierId = table.Column<int>(type: "INTEGER", nullable: false),
                    Members = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierHoldingTotals", x => new { x.StoreId, x.TierId });
                });

            migrationBuilder.CreateTable(
                name: "TierMoveDayTotals",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HomeStoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromTierId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToTierId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsUp = table.Column<bool>(type: "INTEGER", nullable: false),
                    Moves = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierMoveDayTotals", x => new { x.Day, x.HomeStoreId, x.FromTierId, x.ToTierId, x.IsUp });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActiveMembersWeeks");

            migrationBuilder.DropTable(
                name: "ActivityDayTotals");

            migrationBuilder.DropTable(
                name: "InsightsRollupStates");

            migrationBuilder.DropTable(
                name: "PulseDayChoices");

            migrationBuilder.DropTable(
                name: "PulseDayTotals");

            migrationBuilder.DropTable(
                name: "TierHoldingTotals");

            migrationBuilder.DropTable(
                name: "TierMoveDayTotals");
        }
    }
}
