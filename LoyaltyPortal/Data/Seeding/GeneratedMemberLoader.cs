using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// Appends generated members for benchmarks and leaves a consistent database behind: the history is bulk-written
/// (one append at a time through the ledger would take hours at a million members), so every standing and
/// achievement is settled from it afterwards, and <c>standings check</c> passes straight away.
/// </summary>
public sealed class GeneratedMemberLoader(
    IDbContextFactory<LoyaltyDbContext> dbFactory, StandingMaintenance standings, AchievementKeeper achievements, TimeProvider clock)
{
    public async Task LoadAsync(int members, int activities, int batch, Action<string> report, CancellationToken ct = default)
    {
        var seeder = new DemoSeeder(clock);
        IReadOnlyList<StaffRef> staff;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            staff = await seeder.EnsureStoresAndStaffAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        }

        var started = clock.GetTimestamp();
        for (var done = 0; done < members;)
        {
            var count = Math.Min(batch, members - done);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.OpenConnectionAsync(ct);
            if (db.Database.IsSqlite())
            {
                // Bulk loading touches several random-order indexes; a 2 GB page cache keeps them in memory.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2097152; PRAGMA temp_store = MEMORY; PRAGMA synchronous = NORMAL;", ct);
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await seeder.AppendGeneratedMembersAsync(db, staff, count, activities, batchSize: 5000, progress: null, ct);
            await transaction.CommitAsync(ct);
            done += count;
            report($"  {done:N0} members ({done / Math.Max(0.001, clock.GetElapsedTime(started).TotalSeconds):N0} members/s)");
        }
        if (members == 0) return;

        report("Indexing names and phone numbers for the staff search…");
        await MemberSearchBackfill.RunAsync(dbFactory, ct);
        // Referral credits land on members who existed before, so every standing is recomputed, not only the new ones.
        report("Computing standings and achievements from the generated history…");
        var computed = await standings.RecomputeAllAsync(ct);
        var awarded = await achievements.AwardFromHistoryAsync(ct);
        report($"  {computed:N0} standings computed, {awarded:N0} achievements awarded.");
    }
}
