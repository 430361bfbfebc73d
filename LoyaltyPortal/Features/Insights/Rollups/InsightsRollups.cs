using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights.Rollups;

/// <summary>What one refresh did.</summary>
public sealed record RollupRun(int ActivityDays, int Weeks, int PulseDays, int TierMoveDays, DateTime RefreshedAt);

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

    /// <summary>
    /// Days (or weeks) read in one pass. Rows stream through and are added up here, so a pass costs one query; a
    /// week's distinct members are held in memory, which bounds the weeks per pass.
    /// </summary>
    private const int DaysPerRead = 31;
    private const int WeeksPerRead = 4;

    /// <summary>How stale "members by tier now" may get while activity keeps arriving: counting them reads every member.</summary>
    public static readonly TimeSpan HoldingsEvery = TimeSpan.FromMinutes(10);

    private DateTime? lastHoldingsAt;

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
        foreach (var (first, last) in Runs(activityDays, DaysPerRead)) await RecomputeActivityDaysAsync(first, last, tiers, ct);
        var weeks = activityDays.Select(InsightsFilter.WeekStart).Distinct().ToList();
        foreach (var (first, last) in Runs(weeks, WeeksPerRead, step: 7)) await RecomputeWeeksAsync(first, last, tiers, ct);
        foreach (var (first, last) in Runs(pulseDays, DaysPerRead)) await RecomputePulseDaysAsync(first, last, ct);
        foreach (var (first, last) in Runs(moveDays, DaysPerRead)) await RecomputeTierMoveDaysAsync(first, last, ct);
        // Holdings read every member, so they follow at most every few minutes; the first run in a process always counts them.
        var holdingsDue = lastHoldingsAt is null || state.RefreshedAt is null
            || (calendar.UtcNow - lastHoldingsAt >= HoldingsEvery && activityDays.Count + moveDays.Count > 0);
        if (holdingsDue)
        {
            await RecomputeTierHoldingsAsync(tiers, ct);
            lastHoldingsAt = calendar.UtcNow;
        }

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

    /// <summary>Each member's tier now, as the tiers were ordered; members without a standing hold the entry tier.</summary>
    private sealed record TierLookup(int EntryTierId);

    private async Task<TierLookup> TierLookupAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        return new(entry ?? 0);
    }

    /// <summary>Consecutive stretches of the given days (oldest first), each at most <paramref name="longest"/> long.</summary>
    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(IReadOnlyList<DateOnly> days, int longest, int step = 1)
    {
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && j + 1 - i < longest && days[j + 1].DayNumber - days[j].DayNumber == step) j++;
            yield return (days[i], days[j]);
            i = j + 1;
        }
    }

    /// <summary>Each day's start as a UTC instant, plus the end of the last, for placing instants in days by binary search.</summary>
    private sealed class DayIndex
    {
        private readonly DateTime[] starts;

        public DayIndex(ProgrammeCalendar calendar, DateOnly first, int days, int step = 1)
        {
            First = first;
            Step = step;
            starts = Enumerable.Range(0, days + 1).Select(i => InsightsScope.StartOfDayUtc(calendar, first.AddDays(i * step))).ToArray();
        }

        public DateOnly First { get; }
        public int Step { get; }
        public DateTime Start => starts[0];
        public DateTime End => starts[^1];

        public DateOnly Of(DateTime utc)
        {
            var i = Array.BinarySearch(starts, utc);
            return First.AddDays((i >= 0 ? i : ~i - 1) * Step);
        }
    }

    private async Task RecomputeActivityDaysAsync(DateOnly first, DateOnly last, TierLookup tiers, CancellationToken ct)
    {
        var days = new DayIndex(calendar, first, last.DayNumber - first.DayNumber + 1);
        var (start, end) = (days.Start, days.End);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = from a in db.Activities.AsNoTracking()
                   where a.OccurredAt >= start && a.OccurredAt < end
                   join s in db.MemberStandings on a.MemberId equals s.MemberId into standing
                   from s in standing.DefaultIfEmpty()
                   select new { a.OccurredAt, a.StoreId, TierId = (int?)s.TierId, a.Type, a.Amount };
        var totals = new Dictionary<(DateOnly Day, int Store, int Tier, ActivityType Type), (int Count, decimal Amount)>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (days.Of(row.OccurredAt), row.StoreId ?? ActivityDayTotal.NoStore, row.TierId ?? tiers.EntryTierId, row.Type);
            var (count, amount) = totals.GetValueOrDefault(key);
            totals[key] = (count + 1, amount + (row.Amount ?? 0m));
        }
        var replacement = totals.Select(t => new ActivityDayTotal
        {
            Day = t.Key.Day, StoreId = t.Key.Store, TierId = t.Key.Tier, Type = t.Key.Type, Activities = t.Value.Count, Amount = (double)t.Value.Amount,
        });
        await ReplaceAsync(db, replacement, ct, c => db.ActivityDayTotals.Where(t => t.Day >= first && t.Day <= last).ExecuteDeleteAsync(c));
    }

    /// <summary>Distinct active members of whole weeks, from <paramref name="first"/> to <paramref name="last"/> (both Mondays).</summary>
    private async Task RecomputeWeeksAsync(DateOnly first, DateOnly last, TierLookup tiers, CancellationToken ct)
    {
        var weeks = new DayIndex(calendar, first, (last.DayNumber - first.DayNumber) / 7 + 1, step: 7);
        var (start, end) = (weeks.Start, weeks.End);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = from a in db.Activities.AsNoTracking()
                   where a.OccurredAt >= start && a.OccurredAt < end
                   join s in db.MemberStandings on a.MemberId equals s.MemberId into standing
                   from s in standing.DefaultIfEmpty()
                   select new { a.OccurredAt, a.MemberId, a.StoreId, TierId = (int?)s.TierId };

        var members = new Dictionary<(DateOnly Week, int Store, int Tier), HashSet<int>>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var (week, tier) = (weeks.Of(row.OccurredAt), row.TierId ?? tiers.EntryTierId);
            Count(week, ActiveMembersWeek.All, ActiveMembersWeek.All, row.MemberId);
            Count(week, ActiveMembersWeek.All, tier, row.MemberId);
            if (row.StoreId is { } store)
            {
                Count(week, store, ActiveMembersWeek.All, row.MemberId);
                Count(week, store, tier, row.MemberId);
            }
        }
        var replacement = members.Select(m => new ActiveMembersWeek { WeekStart = m.Key.Week, StoreId = m.Key.Store, TierId = m.Key.Tier, Members = m.Value.Count });
        await ReplaceAsync(db, replacement, ct, c => db.ActiveMembersWeeks.Where(w => w.WeekStart >= first && w.WeekStart <= last).ExecuteDeleteAsync(c));

        void Count(DateOnly week, int store, int tier, int memberId)
        {
            if (!members.TryGetValue((week, store, tier), out var seen)) members[(week, store, tier)] = seen = [];
            seen.Add(memberId);
        }
    }

    private async Task RecomputePulseDaysAsync(DateOnly first, DateOnly last, CancellationToken ct)
    {
        var days = new DayIndex(calendar, first, last.DayNumber - first.DayNumber + 1);
        var (start, end) = (days.Start, days.End);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var answers = await (
                from p in db.PulseResponses.AsNoTracking()
                where p.RespondedAt >= start && p.RespondedAt < end
                join m in db.Members on p.MemberId equals m.Id
                select new { p.RespondedAt, p.TierId, m.HomeStoreId, p.Score, p.Matters })
            .ToListAsync(ct);
        var groups = answers.GroupBy(a => (Day: days.Of(a.RespondedAt), Tier: a.TierId ?? PulseDayTotal.None, Store: a.HomeStoreId ?? PulseDayTotal.None)).ToList();
        var totals = groups.Select(g => new PulseDayTotal
        {
            Day = g.Key.Day, TierId = g.Key.Tier, HomeStoreId = g.Key.Store,
            Answers = g.Count(a => a.Score is not null), ScoreTotal = g.Sum(a => a.Score ?? 0), Dismissals = g.Count(a => a.Score is null),
        });
        var choices = groups.SelectMany(g => g.Where(a => a.Score is not null)
            .SelectMany(a => a.Matters.Select(Code).Distinct(StringComparer.Ordinal))
            .GroupBy(code => code, StringComparer.Ordinal)
            .Select(c => new PulseDayChoice { Day = g.Key.Day, TierId = g.Key.Tier, HomeStoreId = g.Key.Store, Code = c.Key, Count = c.Count() }));

        await ReplaceAsync(db, totals.Concat<object>(choices), ct,
            c => db.PulseDayTotals.Where(t => t.Day >= first && t.Day <= last).ExecuteDeleteAsync(c),
            c => db.PulseDayChoices.Where(t => t.Day >= first && t.Day <= last).ExecuteDeleteAsync(c));

        static string Code(string code) => code.Length <= InsightsRollupConfiguration.MaxChoiceCodeLength ? code : code[..InsightsRollupConfiguration.MaxChoiceCodeLength];
    }

    private async Task RecomputeTierMoveDaysAsync(DateOnly first, DateOnly last, CancellationToken ct)
    {
        var days = new DayIndex(calendar, first, last.DayNumber - first.DayNumber + 1);
        var (start, end) = (days.Start, days.End);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var moves = await (
                from c in db.TierChanges.AsNoTracking()
                where c.ChangedAt >= start && c.ChangedAt < end
                join m in db.Members on c.MemberId equals m.Id
                select new { c.ChangedAt, m.HomeStoreId, c.FromTierId, c.ToTierId, c.IsUp })
            .ToListAsync(ct);
        var rows = moves
            .GroupBy(m => (Day: days.Of(m.ChangedAt), Store: m.HomeStoreId ?? 0, From: m.FromTierId ?? 0, m.ToTierId, m.IsUp))
            .Select(g => new TierMoveDayTotal { Day = g.Key.Day, HomeStoreId = g.Key.Store, FromTierId = g.Key.From, ToTierId = g.Key.ToTierId, IsUp = g.Key.IsUp, Moves = g.Count() });
        await ReplaceAsync(db, rows, ct, c => db.TierMoveDayTotals.Where(t => t.Day >= first && t.Day <= last).ExecuteDeleteAsync(c));
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
