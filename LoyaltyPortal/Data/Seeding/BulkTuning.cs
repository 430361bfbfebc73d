using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// SQLite settings for a bulk load on one open connection, and SQLite's defaults to put back before the connection
/// returns to the pool, so the app's other work never runs with a load's 2 GB cache. PostgreSQL needs neither.
/// </summary>
internal static class BulkTuning
{
    public static async Task ApplyAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        // A 2 GB page cache (a ceiling, not an allocation) holds the indexes being written. CREATE INDEX sorts better
        // with a small cache, so BulkLoadIndexes sets its own settings while it builds.
        await db.Database.ExecuteSqlRawAsync(
            "PRAGMA cache_size = -2097152; PRAGMA temp_store = MEMORY; PRAGMA synchronous = NORMAL; PRAGMA threads = 2;", ct);
    }

    public static async Task RestoreAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        // Not synchronous: SqliteConnectionSettings sets the configured value again each time the connection is opened.
        await db.Database.ExecuteSqlRawAsync(
            "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; PRAGMA threads = 0; PRAGMA shrink_memory;", ct);
    }
}
