using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Members.Import;

/// <summary>
/// One open connection for a whole import, tuned for bulk work like the seeder's (a large SQLite page cache), with
/// each batch still in its own transaction. A large load into a small table (at least <see cref="LargeLoadFrom"/> rows,
/// and fewer members already there than half of them, so most rows are new even if every member is in the file) drops the secondary indexes that rows arriving in random order make
/// expensive, and builds each once at the end from sorted data, as the seeder does. Unique indexes stay (they guard
/// external ids, member codes and ledger source keys), and so do indexes led by the member id (a member's own ledger).
/// </summary>
internal sealed class ImportWriteSession : IAsyncDisposable
{
    public const int LargeLoadFrom = GeneratedMemberLoader.RebuildIndexesFrom;

    private ImportWriteSession(LoyaltyDbContext db, bool rebuildsIndexes) => (Db, RebuildsIndexes) = (db, rebuildsIndexes);

    public LoyaltyDbContext Db { get; }

    /// <summary>True when this import dropped indexes and builds them again when it ends.</summary>
    public bool RebuildsIndexes { get; }

    public static async Task<ImportWriteSession> OpenAsync(IDbContextFactory<LoyaltyDbContext> dbFactory, long rows, bool dryRun, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.OpenConnectionAsync(ct);
            if (dryRun) return new ImportWriteSession(db, false);
            await BulkTuning.ApplyAsync(db, ct);
            // An import (or seed) that died with its indexes dropped is repaired before anything else.
            await BulkLoadIndexes.EnsureAsync(db, ct);
            var large = rows >= LargeLoadFrom && await db.Members.LongCountAsync(ct) * 2 < rows;
            if (large) await BulkLoadIndexes.DropAsync(db, IsRebuiltAfterLoad, ct);
            return new ImportWriteSession(db, large);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Indexes on the tables an import writes that are cheaper to build once after a large load than to keep up row by
    /// row. The members' phone and email indexes stay: every batch looks its phones and emails up in them.
    /// </summary>
    internal static bool IsRebuiltAfterLoad(BulkLoadIndexes.ModelIndex index) =>
        index.Table is "Members" or "Activities" or "MemberNameWords" && !index.IsUnique && index.Columns[0] != "MemberId"
        && !(index.Table == "Members" && index.Columns is ["Phone"] or ["SearchEmail"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            Db.ChangeTracker.Clear();
            // Not cancellable: the indexes come back even when the import was stopped.
            if (RebuildsIndexes) await BulkLoadIndexes.EnsureAsync(Db, CancellationToken.None);
            await BulkTuning.RestoreAsync(Db, CancellationToken.None);
        }
        finally
        {
            await Db.DisposeAsync();
        }
    }
}
