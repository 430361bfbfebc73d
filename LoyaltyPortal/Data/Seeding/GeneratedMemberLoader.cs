using System.Threading.Channels;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using GeneratedRow = (
    LoyaltyPortal.Data.Seeding.GeneratedMember Member,
    System.Collections.Generic.List<LoyaltyPortal.Data.Seeding.GeneratedActivity> Activities,
    System.Collections.Generic.List<LoyaltyPortal.Data.Seeding.GeneratedNote> Notes);

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// Appends generated members for benchmarks and leaves a consistent database behind: the history is bulk-written
/// (one append at a time through the ledger would take hours at a million members), so every standing and
/// achievement is settled from it afterwards, and <c>standings check</c> passes straight away.
/// </summary>
public sealed class GeneratedMemberLoader(
    IDbContextFactory<LoyaltyDbContext> dbFactory, StandingMaintenance standings, AchievementKeeper achievements, TimeProvider clock)
{
    /// <summary>From this many members on, the loaded tables' indexes are dropped before the load and built after it.</summary>
    internal const int RebuildIndexesFrom = 100_000;

    // Each batch is generated from its own seeded stream (the batch's first id), so batches can be generated in
    // parallel and the same seed, start and batch size always give the same people.
    private const int BatchesGeneratedAhead = 3;

    public async Task LoadAsync(int members, int activities, int batch, Action<string> report, CancellationToken ct = default)
    {
        var seeder = new DemoSeeder(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        MemberDataGenerator generator;
        int firstId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            // A load that died with its indexes dropped is repaired before anything else.
            if (await BulkLoadIndexes.EnsureAsync(db, ct) is > 0 and var repaired) report($"  Recreated {repaired} missing indexes.");
            var staff = await seeder.EnsureStoresAndStaffAsync(db, now, ct);
            var storeIds = await db.Stores.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
            var interestIds = await db.Interests.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
            generator = new MemberDataGenerator(DemoSeeder.Seed, now, storeIds, staff, interestIds);
            firstId = (await db.Members.MaxAsync(m => (int?)m.Id, ct) ?? 0) + 1;
            if (members >= RebuildIndexesFrom)
            {
                report("Dropping the loaded tables' indexes for the load…");
                await BulkLoadIndexes.DropAsync(db, ct);
            }
        }

        var started = clock.GetTimestamp();
        var generated = Channel.CreateBounded<Task<List<GeneratedRow>>>(BatchesGeneratedAhead);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (var done = 0; done < members; done += batch)
                {
                    var (start, count) = (firstId + done, Math.Min(batch, members - done));
                    await generated.Writer.WriteAsync(Task.Run(() => generator.Generate(start, count, activities).ToList(), ct), ct);
                }
                generated.Writer.Complete();
            }
            catch (Exception e)
            {
                generated.Writer.Complete(e);
            }
        }, ct);

        var written = 0;
        // One writer: SQLite has a single writer anyway, and batches must land in id order.
        await foreach (var next in generated.Reader.ReadAllAsync(ct))
        {
            var rows = await next;
            await WriteBatchAsync(rows, ct);
            written += rows.Count;
            report($"  {written:N0} members ({written / Math.Max(0.001, clock.GetElapsedTime(started).TotalSeconds):N0} members/s)");
        }
        await producer;
        if (members == 0) return;

        var indexing = clock.GetTimestamp();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.OpenConnectionAsync(ct);
            await BulkTuning.ApplyAsync(db, ct);
            if (await BulkLoadIndexes.EnsureAsync(db, ct) is > 0 and var built)
            {
                report($"  Built {built} indexes in {clock.GetElapsedTime(indexing).TotalSeconds:N1} s.");
            }
        }

        report("Indexing names and phone numbers for the staff search…");
        await MemberSearchBackfill.RunAsync(dbFactory, ct);
        // Referral credits land on members who existed before, so every standing is recomputed, not only the new ones.
        report("Computing standings and achievements from the generated history…");
        var computed = await standings.RecomputeAllAsync(ct);
        var awarded = await achievements.AwardFromHistoryAsync(ct);
        report($"  {computed:N0} standings computed, {awarded:N0} achievements awarded.");
    }

    private async Task WriteBatchAsync(List<GeneratedRow> rows, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.OpenConnectionAsync(ct);
        await BulkTuning.ApplyAsync(db, ct);
        // Each batch commits on its own, so a long run can be stopped and resumed.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        using var writer = BulkWriter.For(db.Database.GetDbConnection());
        await writer.WriteAsync(rows, ct);
        await writer.FinishAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
