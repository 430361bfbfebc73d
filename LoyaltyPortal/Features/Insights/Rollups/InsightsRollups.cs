using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights.Rollups;

/// <summary>What one refresh did.</summary>
public sealed record RollupRun(int ActivityDays, int Weeks, int PulseDays, int TierMoveDays, DateTime RefreshedAt);

/// <summary>How current the rollups are: null until the first refresh has read the whole history.</summary>
public sealed record RollupFreshness(DateTime? RefreshedAt)
{
    public bool IsReady => RefreshedAt is not null;
}

/// <summary>
/// Keeps the insight rollups in step with the ledger, pulse answers and tier moves. Each refresh finds the days that
/// gained rows since the last one (the sources are append-only, so ids tell), and recomputes those days, their weeks
/// and the tier holdings from scratch. Recomputing is idempotent, so a run cut short, a retried run or two app
/// instances racing all end with the same totals.
/// </summary>
public sealed class InsightsRollups(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar)
{
    /// <summary>Past this many new rows, the days between the oldest and newest are recomputed rather than listed one by one.</summary>
    private const int ListDaysUpTo = 100_000;

    public async Task<RollupFreshness> GetFreshnessAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var refreshed = await db.InsightsRollupStates.AsNoTracking().Where(s => s.Id == InsightsRollupState.SingletonId)
            .Select(s => s.RefreshedAt).FirstOrDefaultAsync(ct);
        return new(refreshed);
    }

    public async Task<RollupRun> RefreshAsync(CancellationToken ct = default)
    {
        InsightsRollupState state;
        long activitiesTo, pulsesTo, tierChangesTo;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            state = await db.InsightsRollupStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InsightsRollupState.SingletonId, ct)
                ?? new InsightsRollupState();
            activitiesTo = await db.Activities.MaxAsync(a => (long?)a.Id, ct) ?? 0;
            pulsesTo = await db.PulseResponses.MaxAsync(p => (long?)p.Id, ct) ?? 0;
            tierChangesTo = await db.TierChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        }

        var activityDays = await ChangedDaysAsync(activitiesTo > state.ActivitiesThrough, db => db.Activities.Select(a => a.OccurredAt),
            db => db.Activities.Where(a => a.Id > state.ActivitiesThrough && a.Id <= activitiesTo).Select(a => a.OccurredAt), ct);
        var pulseDays = await ChangedDaysAsync(pulsesTo > state.PulsesThrough, db => db.PulseResponses.Select(p => p.RespondedAt),
            db => db.PulseResponses.Where(p => p.Id > state.PulsesThrough && p.Id <= pulsesTo).Select(p => p.RespondedAt), ct);
        var moveDays = await ChangedDaysAsync(tierChangesTo > state.TierChangesThrough, db => db.TierChanges.Select(c => c.ChangedAt),
            db => db.TierChanges.Where(c => c.Id > state.TierChangesThrough && c.Id <= tierChangesTo).Select(c => c.ChangedAt), ct);

        var tiers = await TierLookupAsync(ct);
        foreach (var day in activityDays) await RecomputeActivityDayAsync(day, tiers, ct);
        var weeks = activityDays.Select(InsightsFilter.WeekStart).Distinct().ToList();
        foreach (var week in weeks) await RecomputeWeekAsync(week, tiers, ct);
        foreach (var day in pulseDays) await RecomputePulseDayAsync(day, ct);
        foreach (var day in moveDays) await RecomputeTierMoveDayAsync(day, ct);
        var firstRun = state.RefreshedAt is null;
        if (firstRun || activityDays.Count + moveDays.Count > 0) await RecomputeTierHoldingsAsync(tiers, ct);

        var now = calendar.UtcNow;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var row = await db.InsightsRollupStates.FirstOrDefaultAsync(s => s.Id == InsightsRollupState.SingletonId, ct);
            if (row is null) db.InsightsRollupStates.Add(row = new InsightsRollupState());
            // Never move backwards: another instance may have caught up further meanwhile.
            row.ActivitiesThrough = Math.Max(row.ActivitiesThrough, activitiesTo);
            row.PulsesThrough = Math.Max(row.PulsesThrough, pulsesTo);
            row.TierChangesThrough = Math.Max(row.TierChangesThrough, tierChangesTo);
            row.RefreshedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance created the row first; it has caught up at least as far.
            }
        }
        return new(activityDays.Count, weeks.Count, pulseDays.Count, moveDays.Count, now);
    }

    /// <summary>
    /// The local days holding the new rows, oldest first. For a flood of new rows (the first run, a bulk import) every
    /// day from the source's first to its last: found through the time index, without reading the rows.
    /// </summary>
    private async Task<IReadOnlyList<DateOnly>> ChangedDaysAsync(bool any, Func<LoyaltyDbContext, IQueryable<DateTime>> allRows,
        Func<LoyaltyDbContext, IQueryable<DateTime>> newRows, CancellationToken ct)
    {
        if (!any) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await newRows(db).Take(ListDaysUpTo + 1).CountAsync(ct) <= ListDaysUpTo)
        {
            return (await newRows(db).ToListAsync(ct)).Select(LocalDay).Distinct().Order().ToList();
        }
        var first = LocalDay(await allRows(db).MinAsync(ct));
        var last = LocalDay(await allRows(db).MaxAsync(ct));
        return Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
    }

    private DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(calendar.ToLocal(utc));

    private (DateTime From, DateTime To) Instants(DateOnly firstDay, DateOnly dayAfter) =>
        (InsightsScope.StartOfDayUtc(calendar, firstDay), InsightsScope.StartOfDayUtc(calendar, dayAfter));

    /// <summary>Each member's tier now, as the tiers were ordered; members without a standing hold the entry tier.</summary>
    private sealed record TierLookup(int EntryTierId);

    private async Task<TierLookup> TierLookupAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        return new(entry ?? 0);
    }

    private async Task RecomputeActivityDayAsync(DateOnly day, TierLookup tiers, CancellationToken ct)
    {
        var (start, end) = Instants(day, day.AddDays(1));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Amounts become REAL for the sum: SQLite stores decimals as text and would sum them in .NET.
        var totals = await (
                from a in db.Activities
                where a.OccurredAt >= start && a.OccurredAt < end
                join s in db.MemberStandings on a.MemberId equals s.MemberId into standing
                from s in standing.DefaultIfEmpty()
                group a by new { a.StoreId, TierId = (int?)s.TierId, a.Type } into g
                select new { g.Key.StoreId, g.Key.TierId, g.Key.Type, Count = g.Count(), Amount = g.Sum(a => (double)(a.Amount ?? 0m)) })
            .ToListAsync(ct);
        var rows = totals
            .GroupBy(t => (Store: t.StoreId ?? ActivityDayTotal.NoStore, Tier: t.TierId ?? tiers.EntryTierId, t.Type))
            .Select(g => new ActivityDayTotal
            {
                Day = day, StoreId = g.Key.Store, TierId = g.Key.Tier, Type = g.Key.Type,
                Activities = g.Sum(t => t.Count), Amount = Math.Round(g.Sum(t => t.Amount), 2),
            });
        await ReplaceAsync(db, rows, ct, c => db.ActivityDayTotals.Where(t => t.Day == day).ExecuteDeleteAsync(c));
    }

    private async Task RecomputeWeekAsync(DateOnly weekStart, TierLookup tiers, CancellationToken ct)
    {
        var (start, end) = Instants(weekStart, weekStart.AddDays(7));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var seen = await (
                from a in db.Activities
                where a.OccurredAt >= start && a.OccurredAt < end
                join s in db.MemberStandings on a.MemberId equals s.MemberId into standing
                from s in standing.DefaultIfEmpty()
                select new { a.MemberId, a.StoreId, TierId = (int?)s.TierId })
            .Distinct()
            .ToListAsync(ct);

        var counts = new Dictionary<(int Store, int Tier), HashSet<int>>();
        foreach (var row in seen)
        {
            var tier = row.TierId ?? tiers.EntryTierId;
            Count(ActiveMembersWeek.All, ActiveMembersWeek.All, row.MemberId);
            Count(ActiveMembersWeek.All, tier, row.MemberId);
            if (row.StoreId is { } store)
            {
                Count(store, ActiveMembersWeek.All, row.MemberId);
                Count(store, tier, row.MemberId);
            }
        }
        var rows = counts.Select(c => new ActiveMembersWeek { WeekStart = weekStart, StoreId = c.Key.Store, TierId = c.Key.Tier, Members = c.Value.Count });
        await ReplaceAsync(db, rows, ct, c => db.ActiveMembersWeeks.Where(w => w.WeekStart == weekStart).ExecuteDeleteAsync(c));

        void Count(int store, int tier, int memberId)
        {
            if (!counts.TryGetValue((store, tier), out var members)) counts[(store, tier)] = members = [];
            members.Add(memberId);
        }
    }

    private async Task RecomputePulseDayAsync(DateOnly day, CancellationToken ct)
    {
        var (start, end) = Instants(day, day.AddDays(1));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var answers = await (
                from p in db.PulseResponses
                where p.RespondedAt >= start && p.RespondedAt < end
                join m in db.Members on p.MemberId equals m.Id
                select new { p.TierId, m.HomeStoreId, p.Score, p.Matters })
            .ToListAsync(ct);
        var groups = answers.GroupBy(a => (Tier: a.TierId ?? PulseDayTotal.None, Store: a.HomeStoreId ?? PulseDayTotal.None)).ToList();
        var totals = groups.Select(g => new PulseDayTotal
        {
            Day = day, TierId = g.Key.Tier, HomeStoreId = g.Key.Store,
            Answers = g.Count(a => a.Score is not null), ScoreTotal = g.Sum(a => a.Score ?? 0), Dismissals = g.Count(a => a.Score is null),
        });
        var choices = groups.SelectMany(g => g.Where(a => a.Score is not null)
            .SelectMany(a => a.Matters.Select(Code).Distinct(StringComparer.Ordinal))
            .GroupBy(code => code, StringComparer.Ordinal)
            .Select(c => new PulseDayChoice { Day = day, TierId = g.Key.Tier, HomeStoreId = g.Key.Store, Code = c.Key, Count = c.Count() }));

        await ReplaceAsync(db, totals.Concat<object>(choices), ct,
            c => db.PulseDayTotals.Where(t => t.Day == day).ExecuteDeleteAsync(c),
            c => db.PulseDayChoices.Where(t => t.Day == day).ExecuteDeleteAsync(c));

        static string Code(string code) => code.Length <= InsightsRollupConfiguration.MaxChoiceCodeLength ? code : code[..InsightsRollupConfiguration.MaxChoiceCodeLength];
    }

    private async Task RecomputeTierMoveDayAsync(DateOnly day, CancellationToken ct)
    {
        var (start, end) = Instants(day, day.AddDays(1));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var moves = await (
                from c in db.TierChanges
                where c.ChangedAt >= start && c.ChangedAt < end
                join m in db.Members on c.MemberId equals m.Id
                group c by new { m.HomeStoreId, c.FromTierId, c.ToTierId, c.IsUp } into g
                select new { g.Key.HomeStoreId, g.Key.FromTierId, g.Key.ToTierId, g.Key.IsUp, Count = g.Count() })
            .ToListAsync(ct);
        var rows = moves
            .GroupBy(m => (Store: m.HomeStoreId ?? 0, From: m.FromTierId ?? 0, m.ToTierId, m.IsUp))
            .Select(g => new TierMoveDayTotal { Day = day, HomeStoreId = g.Key.Store, FromTierId = g.Key.From, ToTierId = g.Key.ToTierId, IsUp = g.Key.IsUp, Moves = g.Sum(m => m.Count) });
        await ReplaceAsync(db, rows, ct, c => db.TierMoveDayTotals.Where(t => t.Day == day).ExecuteDeleteAsync(c));
    }

    /// <summary>Members (not anonymised) by the tier held now, per home store and in all.</summary>
    private async Task RecomputeTierHoldingsAsync(TierLookup tiers, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var held = await (
                from m in db.Members
                where m.AnonymisedAt == null
                join s in db.MemberStandings on m.Id equals s.MemberId into standing
                from s in standing.DefaultIfEmpty()
                group m by new { m.HomeStoreId, TierId = (int?)s.TierId } into g
                select new { g.Key.HomeStoreId, g.Key.TierId, Count = g.Count() })
            .ToListAsync(ct);
        var byStoreAndTier = held.Select(h => (Store: h.HomeStoreId ?? 0, Tier: h.TierId ?? tiers.EntryTierId, h.Count)).ToList();
        var rows = byStoreAndTier.Where(h => h.Store != 0).Concat(byStoreAndTier.Select(h => (Store: 0, h.Tier, h.Count)))
            .GroupBy(h => (h.Store, h.Tier))
            .Select(g => new TierHoldingTotal { StoreId = g.Key.Store, TierId = g.Key.Tier, Members = g.Sum(h => h.Count) });
        await ReplaceAsync(db, rows, ct, c => db.TierHoldingTotals.ExecuteDeleteAsync(c));
    }

    /// <summary>
    /// Swaps slices of rollups for freshly computed rows in one transaction. Another instance recomputing the same
    /// slice at the same moment inserts the same keys; its totals are as good as ours (both were computed from the
    /// same rows), so losing that race leaves its rows in place and is not an error.
    /// </summary>
    private static async Task ReplaceAsync(LoyaltyDbContext db, IEnumerable<object> rows, CancellationToken ct, params Func<CancellationToken, Task<int>>[] deleteSlices)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var delete in deleteSlices) await delete(ct);
        db.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
