using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BaselineFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    RecentFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    RecentTo = table.Column<DateOnly>(type: "date", nullable: false),
                    AtRiskCount = table.Column<int>(type: "integer", nullable: false),
                    CandidateCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AtRiskSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AtRiskCandidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SnapshotId = table.Column<int>(type: "integer", nullable: false),
                    StoreId = table.Column<int>(type: "integer", nullable: true),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Baseline = table.Column<int>(type: "integer", nullable: false),
                    Recent = table.Column<int>(type: "integer", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
