using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoyaltyPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AppendOnlyLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ledger is append-only in the database too, not only in SaveChanges: bulk updates and raw SQL are refused.
            migrationBuilder.Sql("""
                CREATE FUNCTION activities_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'The activity ledger is append-only.'; END; $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Activities_append_only" BEFORE UPDATE OR DELETE ON "Activities"
                FOR EACH ROW EXECUTE FUNCTION activities_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Activities_append_only_truncate" BEFORE TRUNCATE ON "Activities"
                FOR EACH STATEMENT EXECUTE FUNCTION activities_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Activities_append_only_truncate" ON "Activities";""");
            migrationBuilder.Sql("""DROP TRIGGER "Activities_append_only" ON "Activities";""");
            migrationBuilder.Sql("DROP FUNCTION activities_append_only();");
        }
    }
}
