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

    private sealed class Row
    {
        public int MemberId { get; set; }
        public int? StoreId { get; set; }
        public int Baseline { get; set; }
        public int Recent { get; set; }
        public DateTime LastActivityAt { get; set; }
    }

    private async Task<AtRiskRun> ComputeOnceAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var now = calendar.UtcNow;
        // Up to now: the last 30 days end today (programme time), the baseline is the 180 days before.
        var recentTo = InsightsScope.Today(calendar);
        var end = recentTo.AddDays(1);
        var (baselineFrom, recentFrom) = (end.AddDays(-AtRiskService.RecentDays - AtRiskService.BaselineDays), end.AddDays(-AtRiskService.RecentDays));
        var (baselineStart, recentStart, recentEnd) = (Utc(baselineFrom), Utc(recentFrom), Utc(end));
        const int joined = (int)ActivityType.Joined, staffNote = (int)ActivityType.StaffNoteAdded;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        // One read of the window, grouped by member and store; the all-stores figures add up each member's stores,
        // so the ledger is read once for every scope. LINQ can't say "reuse this grouping twice", hence SQL. Only
        // the members at risk come back (thousands, not the million grouped).
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH pairs AS MATERIALIZED (
                SELECT "MemberId", "StoreId",
                    CAST(SUM(CASE WHEN "OccurredAt" < {recentStart} THEN 1 ELSE 0 END) AS INTEGER) AS "Baseline",
                    CAST(SUM(CASE WHEN "OccurredAt" >= {recentStart} THEN 1 ELSE 0 END) AS INTEGER) AS "Recent",
                    MAX("OccurredAt") AS "LastActivityAt"
                FROM "Activities"
                WHERE "OccurredAt" >= {baselineStart} AND "OccurredAt" < {recentEnd} AND "Type" <> {joined} AND "Type" <> {staffNote}
                GROUP BY "MemberId", "StoreId"),
            scoped AS (
                SELECT "MemberId", NULL AS "StoreId", CAST(SUM("Baseline") AS INTEGER) AS "Baseline",
                    CAST(SUM("Recent") AS INTEGER) AS "Recent", MAX("LastActivityAt") AS "LastActivityAt"
                FROM pairs GROUP BY "MemberId"
                UNION ALL
                SELECT "MemberId", "StoreId", "Baseline", "Recent", "LastActivityAt" FROM pairs WHERE "StoreId" IS NOT NULL)
            SELECT "MemberId", "StoreId", "Baseline", "Recent", "LastActivityAt" FROM scoped
            WHERE "Baseline" >= {MinBaseline} AND "Recent" * {RecentFactor} <= "Baseline"
                AND "MemberId" NOT IN (SELECT "Id" FROM "Members" WHERE "AnonymisedAt" IS NOT NULL)
            """).ToListAsync(ct);

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

    private DateTime Utc(DateOnly day) => InsightsScope.StartOfDayUtc(calendar, day);
}
