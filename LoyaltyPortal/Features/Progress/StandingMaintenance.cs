using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Progress;

public sealed record StandingMismatch(int MemberId, int? StoredTierId, int? StoredPoints, int ExpectedTierId, int ExpectedPoints);

public sealed record StandingReport(int MembersChecked, IReadOnlyList<StandingMismatch> Mismatches);

/// <summary>
/// Whole-programme upkeep of standings: recompute every standing from the ledger
/// (points age out with time, so this also runs as a nightly refresh), and check that stored standings match
/// the ledger they were computed from.
/// </summary>
public sealed class StandingMaintenance(IDbContextFactory<LoyaltyDbContext> dbFactory, TimeProvider clock, WebhookPublisher webhooks)
{
    private const int MembersPerBatch = 5_000;

    /// <summary>
    /// Recomputes and stores every member's standing as of now. The ledger is read once, in the member index's order
    /// and only as far back as a standing looks; the rows are written with multi-row upserts, not change tracking.
    /// </summary>
    public async Task<int> RecomputeAllAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var written = 0;
        var lastId = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            var rules = await ProgressRules.LoadAsync(db, ct);
            var members = await db.Members.AsNoTracking().Where(m => m.Id > lastId && m.AnonymisedAt == null).OrderBy(m => m.Id)
                .Select(m => m.Id).Take(MembersPerBatch).ToListAsync(ct);
            if (members.Count == 0) return written;
            var (from, to) = (members[0], members[^1]);
            // Rewriting standings holds the batch's member locks, so a visit recorded meanwhile waits instead of
            // inserting the same first standing or being overwritten by a total read before it.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await ActivityRecorder.LockMembersAsync(db, from, to, ct);
            var stored = await db.MemberStandings.AsNoTracking().Where(s => s.MemberId >= from && s.MemberId <= to)
                .Select(s => new { s.MemberId, s.TierId, s.UpdatedAt }).ToDictionaryAsync(s => s.MemberId, ct);
            var after = rules.LooksBackTo(now);
            var earned = await db.Activities.AsNoTracking()
                .Where(a => a.MemberId >= from && a.MemberId <= to && a.OccurredAt > after && a.Points != 0)
                .OrderBy(a => a.MemberId).ThenBy(a => a.OccurredAt)
                .Select(a => new { a.MemberId, a.OccurredAt, a.Points }).ToListAsync(ct);

            var rows = new List<object?[]>(members.Count);
            var next = 0;
            var history = new List<EarnedPoints>();
            foreach (var memberId in members)
            {
                // The rows come in member order, so each member's history is the run of rows that follows.
                history.Clear();
                while (next < earned.Count && earned[next].MemberId < memberId) next++;
                for (; next < earned.Count && earned[next].MemberId == memberId; next++)
                {
                    history.Add(new(earned[next].OccurredAt, earned[next].Points));
                }
                var row = stored.GetValueOrDefault(memberId);
                // An append since this run began has already brought the row further than this run can.
                if (row is not null && row.UpdatedAt > now) continue;
                var standing = rules.Compute(history, now);
                // Without a stored standing the history was loaded in bulk (seeding, an import): placing the member is not a move.
                if (row is not null && TierChange.Between(memberId, row.TierId, standing.HeldTierId, rules.Tiers, now) is { } change)
                {
                    db.TierChanges.Add(change);
                }
                rows.Add([memberId, standing.HeldTierId, standing.PointsInWindow, standing.DropsAt, now]);
            }
            await MultiRowWrite.ExecuteAsync(db,
                """INSERT INTO "MemberStandings" ("MemberId","TierId","PointsInWindow","DropsAt","UpdatedAt")""", rows,
                """
                ON CONFLICT ("MemberId") DO UPDATE SET "TierId" = excluded."TierId", "PointsInWindow" = excluded."PointsInWindow",
                    "DropsAt" = excluded."DropsAt", "UpdatedAt" = excluded."UpdatedAt"
                """, ct);
            // Points ageing out move members down a tier: receivers hear of it with the new standings.
            await webhooks.StageTierChangesAsync(db, db.TierChanges.Local.ToList(), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            written += rows.Count;
            lastId = to;
        }
    }

    /// <summary>
    /// Compares each stored standing with the ledger as of the instant it was computed. A member without a stored
    /// standing is a mismatch too: every recorded activity should have created one.
    /// </summary>
    public async Task<StandingReport> CheckAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var checkedCount = 0;
        var mismatches = new List<StandingMismatch>();
        await ForEachBatchAsync((_, rules, members, earned, stored) =>
        {
            foreach (var memberId in members)
            {
                checkedCount++;
                stored.TryGetValue(memberId, out var row);
                var expected = rules.Compute(earned[memberId].Where(e => e.OccurredAt <= (row?.UpdatedAt ?? now)).ToList(), row?.UpdatedAt ?? now);
                if (row is null || row.TierId != expected.HeldTierId || row.PointsInWindow != expected.PointsInWindow)
                {
                    mismatches.Add(new(memberId, row?.TierId, row?.PointsInWindow, expected.HeldTierId, expected.PointsInWindow));
                }
            }
            return Task.CompletedTask;
        }, now, ct);
        return new(checkedCount, mismatches);
    }

    private async Task ForEachBatchAsync(
        Func<LoyaltyDbContext, ProgressRules, List<int>, ILookup<int, EarnedPoints>, Dictionary<int, MemberStanding>, Task> work,
        DateTime now, CancellationToken ct)
    {
        var lastId = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            var rules = await ProgressRules.LoadAsync(db, ct);
            var members = await db.Members.AsNoTracking().Where(m => m.Id > lastId && m.AnonymisedAt == null).OrderBy(m => m.Id)
                .Select(m => m.Id).Take(MembersPerBatch).ToListAsync(ct);
            if (members.Count == 0) return;
            var (from, to) = (members[0], members[^1]);
            var stored = await db.MemberStandings.AsNoTracking().Where(s => s.MemberId >= from && s.MemberId <= to)
                .ToDictionaryAsync(s => s.MemberId, ct);
            // The oldest standing in the batch (a check recomputes each as of when it was stored) decides how far back to read.
            var after = rules.LooksBackTo(stored.Values.Select(s => s.UpdatedAt).Append(now).Min());
            var earned = (await db.Activities.AsNoTracking()
                    .Where(a => a.MemberId >= from && a.MemberId <= to && a.OccurredAt > after && a.Points != 0)
                    .Select(a => new { a.MemberId, a.OccurredAt, a.Points }).ToListAsync(ct))
                .ToLookup(a => a.MemberId, a => new EarnedPoints(a.OccurredAt, a.Points));
            await work(db, rules, members, earned, stored);
            lastId = to;
        }
    }
}
