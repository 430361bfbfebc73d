using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights;

/// <summary>What one snapshot run stored.</summary>
public sealed record AtRiskRun(int SnapshotId, DateTime ComputedAt, int AtRisk, int Rows, TimeSpan Elapsed);

/// <summary>
/// Works out who is at risk up to now, for all stores and for each store, in one pass over the ledger window, and
/// stores the ranking as a new <see cref="AtRiskSnapshot"/>. Costly at scale (millions of ledger rows), so it runs in
/// the background (<see cref="AtRiskSnapshotWorker"/>) and the page only reads what it stored.
/// </summary>
public sealed class AtRiskSnapshotBuilder(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, TimeProvider clock)
{
    private const int BaselineMonths = AtRiskService.BaselineDays / AtRiskService.RecentDays;

    // Whole numbers only: baseline / 6 >= 4 and recent <= 25% of baseline / 6, multiplied out.
    private const int MinBaseline = AtRiskService.MinBaselinePerMonth * BaselineMonths;
    private const int RecentFactor = (int)(BaselineMonths / AtRiskService.MaxRecentShare);

    // One run at a time in this process, whoever asks (the worker, a benchmark).
    private readonly SemaphoreSlim oneRun = new(1, 1);

    /// <summary>When the latest snapshot was computed, or null before the first.</summary>
    public async Task<DateTime?> LatestComputedAtAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AtRiskSnapshots.OrderByDescending(s => s.Id).Select(s => (DateTime?)s.ComputedAt).FirstOrDefaultAsync(ct);
    }

    public async Task<AtRiskRun> ComputeAsync(CancellationToken ct = default)
    {
        await oneRun.WaitAsync(ct);
        try
        {
            return await ComputeOnceAsync(ct);
        }
        finally
        {
            oneRun.Release();
        }
    }

    private sealed record Row(int MemberId, int? StoreId, int Baseline, int Recent, DateTime LastActivityAt);

    /// <summary>One member's counts in one store (or in no store) while the pass is on that member.</summary>
    private sealed class Tally
    {
        public int Baseline;
        public int Recent;
        public DateTime LastActivityAt;
    }

    // The member index is read a range of ids at a time, so each query is a range of that index, which the planner
    // prefers to a time range that would fetch every row from the table.
    private const int MembersPerRead = 100_000;

    private async Task<AtRiskRun> ComputeOnceAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var now = calendar.UtcNow;
        // Up to now: the last 30 days end today (programme time), the baseline is the 180 days before.
        var recentTo = InsightsScope.Today(calendar);
        var end = recentTo.AddDays(1);
        var (baselineFrom, recentFrom) = (end.AddDays(-AtRiskService.RecentDays - AtRiskService.BaselineDays), end.AddDays(-AtRiskService.RecentDays));
        var (baselineStart, recentStart, recentEnd) = (Utc(baselineFrom), Utc(recentFrom), Utc(end));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var anonymised = (await db.Members.Where(m => m.AnonymisedAt != null).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        var lastMemberId = await db.Members.MaxAsync(m => (int?)m.Id, ct) ?? 0;

        // One streaming pass over the window through the covering member index (member, time, type, points, amount,
        // store): rows arrive member by member, so a member's stores are tallied in a small map and settled when the
        // next member begins. Only the members at risk are kept (thousands, not the million read).
        var rows = new List<Row>();
        var tallies = new Dictionary<int, Tally>();
        Tally? noStore = null;
        var current = 0;
        void Settle()
        {
            var all = new Tally();
            foreach (var (storeId, tally) in tallies.Select(t => ((int?)t.Key, t.Value)).Append((null, noStore ?? new Tally())))
            {
                all.Baseline += tally.Baseline;
                all.Recent += tally.Recent;
                if (tally.LastActivityAt > all.LastActivityAt) all.LastActivityAt = tally.LastActivityAt;
                if (storeId is not null && AtRisk(tally))
                {
                    rows.Add(new(current, storeId, tally.Baseline, tally.Recent, tally.LastActivityAt));
                }
            }
            if (AtRisk(all)) rows.Add(new(current, null, all.Baseline, all.Recent, all.LastActivityAt));
            tallies.Clear();
            noStore = null;
        }

        for (var from = 0; from <= lastMemberId; from += MembersPerRead)
        {
            var to = from + MembersPerRead;
            var window = db.Activities.AsNoTracking()
                .Where(a => a.MemberId >= from && a.MemberId < to && a.OccurredAt >= baselineStart && a.OccurredAt < recentEnd
                    && a.Type != ActivityType.Joined && a.Type != ActivityType.StaffNoteAdded)
                .OrderBy(a => a.MemberId).ThenBy(a => a.OccurredAt)
                .Select(a => new { a.MemberId, a.OccurredAt, a.StoreId })
                .AsAsyncEnumerable();
            await foreach (var a in window.WithCancellation(ct))
            {
                if (a.MemberId != current)
                {
                    if (current != 0 && !anonymised.Contains(current)) Settle();
                    tallies.Clear();
                    noStore = null;
                    current = a.MemberId;
                }
                var tally = a.StoreId is { } storeId
                    ? tallies.TryGetValue(storeId, out var found) ? found : tallies[storeId] = new Tally()
                    : noStore ??= new Tally();
                if (a.OccurredAt < recentStart) tally.Baseline++;
                else tally.Recent++;
                if (a.OccurredAt > tally.LastActivityAt) tally.LastActivityAt = a.OccurredAt;
            }
        }
        if (current != 0 && !anonymised.Contains(current)) Settle();

        var snapshot = new AtRiskSnapshot
        {
            ComputedAt = now, BaselineFrom = baselineFrom, RecentFrom = recentFrom, RecentTo = recentTo,
            AtRiskCount = rows.Count(r => r.StoreId is null), CandidateCount = rows.Count,
        };
        foreach (var scope in rows.GroupBy(r => r.StoreId))
        {
            // Most fallen first: the smallest share of their usual activity, then the busiest regulars.
            var rank = 0;
            foreach (var r in scope.OrderBy(r => (double)r.Recent / r.Baseline).ThenByDescending(r => r.Baseline).ThenBy(r => r.MemberId))
            {
                snapshot.Candidates.Add(new AtRiskCandidate
                {
                    StoreId = scope.Key, MemberId = r.MemberId, Rank = ++rank, Baseline = r.Baseline, Recent = r.Recent,
                    LastActivityAt = DateTime.SpecifyKind(r.LastActivityAt, DateTimeKind.Utc),
                });
            }
        }

        // The new snapshot and the clean-up commit together. The one before stays until the next run, so a reader
        // who picked it a moment ago still finds its rows.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var previous = await db.AtRiskSnapshots.OrderByDescending(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        db.AtRiskSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        if (previous is { } kept)
        {
            await db.AtRiskCandidates.Where(c => c.SnapshotId < kept).ExecuteDeleteAsync(ct);
            await db.AtRiskSnapshots.Where(s => s.Id < kept).ExecuteDeleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return new AtRiskRun(snapshot.Id, now, snapshot.AtRiskCount, snapshot.CandidateCount, clock.GetElapsedTime(started));
    }

    private static bool AtRisk(Tally tally) => tally.Baseline >= MinBaseline && tally.Recent * RecentFactor <= tally.Baseline;

    private DateTime Utc(DateOnly day) => InsightsScope.StartOfDayUtc(calendar, day);
}
