using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Data;

/// <summary>The model and each provider's migrations never drift: a model change without a migration fails here.</summary>
public sealed class ModelMigrationDriftTests
{
    [Fact]
    public void The_sqlite_model_has_no_changes_missing_from_its_migrations()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_postgres_model_has_no_changes_missing_from_its_migrations()
    {
        using var context = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(context.Database.HasPendingModelChanges());
    }
}
