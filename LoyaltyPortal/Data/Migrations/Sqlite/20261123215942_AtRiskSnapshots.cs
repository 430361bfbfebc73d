using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AtRiskSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AtRiskSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BaselineFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecentFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecentTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AtRiskCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AtRiskSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AtRiskCandidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SnapshotId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Baseline = table.Column<int>(type: "INTEGER", nullable: false),
                    Recent = table.Column<int>(type: "INTEGER", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AtRiskCandidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AtRiskCandidates_AtRiskSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "AtRiskSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AtRiskCandidates_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AtRiskCandidates_MemberId",
                table: "AtRiskCandidates",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_AtRiskCandidates_SnapshotId_StoreId_Rank",
                table: "AtRiskCandidates",
                columns: new[] { "SnapshotId", "StoreId", "Rank" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AtRiskCandidates");

            migrationBuilder.DropTable(
                name: "AtRiskSnapshots");
        }
    }
}
