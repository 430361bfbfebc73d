using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InsightsListeningReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReferralCode",
                table: "Members",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReferralConvertedAt",
                table: "Members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReferredByMemberId",
                table: "Members",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FeedbackReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FeedbackId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AuthorUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackReplies_ExperienceFeedback_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "ExperienceFeedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseResponses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    RespondedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    Matters = table.Column<List<string>>(type: "text[]", nullable: false),
                    MattersText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TierId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PulseResponses_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TierChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    FromTierId = table.Column<int>(type: "integer", nullable: true),
                    ToTierId = table.Column<int>(type: "integer", nullable: false),
                    IsUp = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TierChanges_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Members_ReferralCode",
                table: "Members",
                column: "ReferralCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_ReferredByMemberId",
                table: "Members",
                column: "ReferredByMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ExperienceFeedback_CreatedAt",
                table: "ExperienceFeedback",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackReplies_CreatedAt",
                table: "FeedbackReplies",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackReplies_FeedbackId_CreatedAt",
                table: "FeedbackReplies",
                columns: new[] { "FeedbackId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseResponses_MemberId_RespondedAt",
                table: "PulseResponses",
                columns: new[] { "MemberId", "RespondedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseResponses_RespondedAt",
                table: "PulseResponses",
                column: "RespondedAt");

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_ChangedAt",
                table: "TierChanges",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_MemberId_ChangedAt",
                table: "TierChanges",
                columns: new[] { "MemberId", "ChangedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Members_Members_ReferredByMemberId",
                table: "Members",
                column: "ReferredByMemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Members_Members_ReferredByMemberId",
                table: "Members");

            migrationBuilder.DropTable(
                name: "FeedbackReplies");

            migrationBuilder.DropTable(
                name: "PulseResponses");

            migrationBuilder.DropTable(
                name: "TierChanges");

            migrationBuilder.DropIndex(
                name: "IX_Members_ReferralCode",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_ReferredByMemberId",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_ExperienceFeedback_CreatedAt",
                table: "ExperienceFeedback");

            migrationBuilder.DropColumn(
                name: "ReferralCode",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ReferralConvertedAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ReferredByMemberId",
                table: "Members");
        }
    }
}
