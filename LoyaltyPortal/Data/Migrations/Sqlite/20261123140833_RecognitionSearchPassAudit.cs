using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecognitionSearchPassAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PassVersion",
                table: "Members",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PhoneLast4",
                table: "Members",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CardViews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StaffName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: true),
                    ViewedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CardViews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CardViews_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberNameWords",
                columns: table => new
                {
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    Word = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberNameWords", x => new { x.Word, x.MemberId });
                    table.ForeignKey(
                        name: "FK_MemberNameWords_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Members_PhoneLast4",
                table: "Members",
                column: "PhoneLast4",
                filter: "\"AnonymisedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CardViews_MemberId_ViewedAt",
                table: "CardViews",
                columns: new[] { "MemberId", "ViewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CardViews_StaffUserId_ViewedAt",
                table: "CardViews",
                columns: new[] { "StaffUserId", "ViewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CardViews_StoreId_ViewedAt",
                table: "CardViews",
                columns: new[] { "StoreId", "ViewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CardViews_ViewedAt",
                table: "CardViews",
                column: "ViewedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MemberNameWords_MemberId",
                table: "MemberNameWords",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CardViews");

            migrationBuilder.DropTable(
                name: "MemberNameWords");

            migrationBuilder.DropIndex(
                name: "IX_Members_PhoneLast4",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "PassVersion",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "PhoneLast4",
                table: "Members");
        }
    }
}
