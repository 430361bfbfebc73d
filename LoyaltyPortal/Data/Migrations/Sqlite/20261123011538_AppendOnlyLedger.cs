using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AppendOnlyLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ledger is append-only in the database too, not only in SaveChanges: bulk updates and raw SQL are refused.
            migrationBuilder.Sql("""
                CREATE TRIGGER "Activities_append_only_update" BEFORE UPDATE ON "Activities"
                BEGIN SELECT RAISE(ABORT, 'The activity ledger is append-only.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Activities_append_only_delete" BEFORE DELETE ON "Activities"
                BEGIN SELECT RAISE(ABORT, 'The activity ledger is append-only.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Activities_append_only_update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Activities_append_only_delete";""");
        }
    }
}
