using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LoyaltyPortal.Data;

// Used only by `dotnet ef migrations add … --context …`; the running app configures contexts from settings.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLoyaltyDbContext>
{
    public SqliteLoyaltyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLoyaltyDbContext>().UseSqlite("Data Source=design.db").UseLoyaltyIdentitySchema().Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLoyaltyDbContext>
{
    public PostgresLoyaltyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLoyaltyDbContext>().UseNpgsql("Host=localhost;Database=design").UseLoyaltyIdentitySchema().Options);
}
