using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Sqlite
{
    /// <summary>Crop and built-in illustration for benefit pictures; existing pictures start centred, unzoomed.</summary>
    public partial class BenefitImageCrop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FocusX",
                table: "BenefitImages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 50);

            migrationBuilder.AddColumn<int>(
                name: "FocusY",
                table: "BenefitImages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 50);

            migrationBuilder.AddColumn<string>(
                name: "Illustration",
                table: "BenefitImages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Zoom",
                table: "BenefitImages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 100);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FocusX",
                table: "BenefitImages");

            migrationBuilder.DropColumn(
                name: "FocusY",
                table: "BenefitImages");

            migrationBuilder.DropColumn(
                name: "Illustration",
                table: "BenefitImages");

            migrationBuilder.DropColumn(
                name: "Zoom",
                table: "BenefitImages");
        }
    }
}
