using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights.Rollups;

/// <summary>What one refresh did.</summary>
public sealed record RollupRun(int ActivityDays, int Weeks, int PulseDays, int TierMoveDays, DateTime RefreshedAt);

/// <summary>
/// Keeps the insight rollups in step with the ledger, pulse answers and tier moves. The sources are append-only, so
/// ids tell what is new. Ledger rows past the watermark are added to their days' totals, and their members to their
/// weeks' counts when <see cref="ActiveMemberPresence"/> shows the week has not seen them; the additions and the new
/// watermark commit together while holding the state row's lock, so a retried run or two app instances racing add
/// each row once. The first refresh (or a flood of new rows) builds the activity rollups in one ordered pass instead.
/// Pulse and tier-move days, weeks older than the presence kept, and the tier holdings are recomputed from scratch.
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

    /// <summary>Weeks before this one whose members are kept one by one, so late rows in them are added, not recounted.</summary>
    internal const int PresenceWeeks = 6;

    /// <summary>Past this many new ledger rows, the activity rollups are rebuilt in one ordered pass rather than added to.</summary>
    private const long RebuildFromNewRows = 2_000_000;

    /// <summary>Member ids per query of the ordered pass: each query is a range of the member index.</summary>
    private const int MembersPerRead = 100_000;

    /// <summary>How stale "members by tier now" may get while activity keeps arriving: counting them reads every member.</summary>
    public static readonly TimeSpan HoldingsEvery = TimeSpan.FromMinutes(10);

    private const string DayTotalsInsert = """INSERT INTO "ActivityDayTotals" ("Day","StoreId","TierId","Type","Activities","Amount")""";
    private const string PresenceInsert = """INSERT INTO "ActiveMemberPresences" ("WeekStart","MemberId","StoreId","TierId")""";

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

        var pulseDays = await ChangedDaysAsync(pulsesTo > state.PulsesThrough, db => db.PulseResponses.Select(p => p.RespondedAt),
            db => db.PulseResponses.Where(p => p.Id > state.PulsesThrough && p.Id <= pulsesTo).Select(p => p.RespondedAt), ct);
        var moveDays = await ChangedDaysAsync(tierChangesTo > state.TierChangesThrough, db => db.TierChanges.Select(c => c.ChangedAt),
            db => db.TierChanges.Where(c => c.Id > state.TierChangesThrough && c.Id <= tierChangesTo).Select(c => c.ChangedAt), ct);

        var tiers = await TierLookupAsync(ct);
        (IReadOnlyList<DateOnly> Days, IReadOnlyList<DateOnly> Weeks) activity = activitiesTo <= state.ActivitiesThrough ? ([], [])
            : state.ActivitiesThrough == 0 || activitiesTo - state.ActivitiesThrough > RebuildFromNewRows
                ? await RebuildActivitiesAsync(state.ActivitiesThrough, activitiesTo, tiers, ct)
                : await AddNewActivitiesAsync(activitiesTo, tiers, ct);
        var (activityDays, weeks) = activity;
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
            // The activity watermark moved with the activity rollups, in their transaction.
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

    /// <summary>
    /// Builds the activity rollups from every ledger row up to <paramref name="to"/> in one pass in the member index's
    /// order: each member's rows arrive together, so their distinct weeks are counted from a small set, and the totals
    /// are added up in memory and written at once. The recent weeks' members are written as presence rows.
    /// </summary>
    private async Task<(IReadOnlyList<DateOnly> Days, IReadOnlyList<DateOnly> Weeks)> RebuildActivitiesAsync(
        long through, long to, TierLookup tiers, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var lastMember = await db.Members.MaxAsync(m => (int?)m.Id, ct) ?? 0;
        var tierOf = new int[lastMember + 1];
        Array.Fill(tierOf, tiers.EntryTierId);
        var standings = db.MemberStandings.AsNoTracking().Select(s => new { s.MemberId, s.TierId }).AsAsyncEnumerable();
        await foreach (var s in standings.WithCancellation(ct))
        {
            if (s.MemberId <= lastMember) tierOf[s.MemberId] = s.TierId;
        }
        var firstDay = LocalDay(await db.Activities.MinAsync(a => a.OccurredAt, ct));
        var lastDay = LocalDay(await db.Activities.MaxAsync(a => a.OccurredAt, ct));
        var days = new DayIndex(calendar, firstDay, lastDay.DayNumber - firstDay.DayNumber + 1);
        var presenceFrom = InsightsFilter.WeekStart(InsightsScope.Today(calendar)).AddDays(-7 * PresenceWeeks);

        var totals = new Dictionary<(DateOnly Day, int Store, int Tier, ActivityType Type), (int Count, decimal Amount)>();
        var weekCounts = new Dictionary<(DateOnly Week, int Store, int Tier), int>();
        var presence = new List<object?[]>();
        var memberWeeks = new HashSet<(DateOnly Week, int Store, int Tier)>();
        var memberPresence = new HashSet<(DateOnly Week, int Store, int Tier)>();
        var current = 0;
        void Settle()
        {
            foreach (var key in memberWeeks) weekCounts[key] = weekCounts.GetValueOrDefault(key) + 1;
            foreach (var (week, store, tier) in memberPresence) presence.Add([week, current, store, tier]);
            memberWeeks.Clear();
            memberPresence.Clear();
        }

        for (var from = 0; from <= lastMember; from += MembersPerRead)
        {
            var upTo = from + MembersPerRead;
            var rows = db.Activities.AsNoTracking()
                .Where(a => a.MemberId >= from && a.MemberId < upTo && a.Id <= to)
                .OrderBy(a => a.MemberId).ThenBy(a => a.OccurredAt)
                .Select(a => new { a.MemberId, a.OccurredAt, a.StoreId, a.Type, a.Amount })
                .AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(ct))
            {
                if (row.MemberId != current)
                {
                    Settle();
                    current = row.MemberId;
                }
                var (day, store) = (days.Of(row.OccurredAt), row.StoreId);
                var tier = row.MemberId < tierOf.Length ? tierOf[row.MemberId] : tiers.EntryTierId;
                var key = (day, store ?? ActivityDayTotal.NoStore, tier, row.Type);
                var (count, amount) = totals.GetValueOrDefault(key);
                totals[key] = (count + 1, amount + (row.Amount ?? 0m));

                var week = InsightsFilter.WeekStart(day);
                memberWeeks.Add((week, ActiveMembersWeek.All, ActiveMembersWeek.All));
                memberWeeks.Add((week, ActiveMembersWeek.All, tier));
                if (store is { } storeId)
                {
                    memberWeeks.Add((week, storeId, ActiveMembersWeek.All));
                    memberWeeks.Add((week, storeId, tier));
                }
                if (week >= presenceFrom) memberPresence.Add((week, store ?? ActivityDayTotal.NoStore, tier));
            }
        }
        Settle();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var state = await LockStateAsync(db, ct);
        // Another instance got here first and has rolled these rows up already.
        if (state.ActivitiesThrough != through) return ([], []);
        await db.ActivityDayTotals.ExecuteDeleteAsync(ct);
        await db.ActiveMembersWeeks.ExecuteDeleteAsync(ct);
        await db.ActiveMemberPresences.ExecuteDeleteAsync(ct);
        var dayRows = totals.Select(t =>
            new object?[] { t.Key.Day, t.Key.Store, t.Key.Tier, (int)t.Key.Type, t.Value.Count, (double)t.Value.Amount });
        await MultiRowWrite.ExecuteAsync(db, DayTotalsInsert, dayRows.ToList(), "", ct);
        await MultiRowWrite.ExecuteAsync(db, """INSERT INTO "ActiveMembersWeeks" ("WeekStart","StoreId","TierId","Members")""",
            weekCounts.Select(w => new object?[] { w.Key.Week, w.Key.Store, w.Key.Tier, w.Value }).ToList(), "", ct);
        await MultiRowWrite.ExecuteAsync(db, PresenceInsert, presence, "", ct);
        state.ActivitiesThrough = to;
        state.PresenceFrom = presenceFrom;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (totals.Keys.Select(k => k.Day).Distinct().Order().ToList(),
            weekCounts.Keys.Select(k => k.Week).Distinct().Order().ToList());
    }

    /// <summary>
    /// Adds the ledger rows past the watermark: their days' totals go up by the rows' counts and amounts, and each
    /// member joins a week's counts only if the week's presence rows do not show them there yet. Weeks older than the
    /// presence kept are recounted from scratch afterwards. The additions and the new watermark commit together under
    /// the state row's lock, so every row is added once however many instances refresh.
    /// </summary>
    private async Task<(IReadOnlyList<DateOnly> Days, IReadOnlyList<DateOnly> Weeks)> AddNewActivitiesAsync(
        long to, TierLookup tiers, CancellationToken ct)
    {
        List<DateOnly> recount;
        List<DateOnly> touchedDays, touchedWeeks;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var state = await LockStateAsync(db, ct);
            var through = state.ActivitiesThrough;
            if (to <= through) return ([], []);
            // Joined, not looked up by a list of ids: thousands of parameters make SQLite's binding quadratic.
            var rows = await (
                    from a in db.Activities.AsNoTracking()
                    where a.Id > through && a.Id <= to
                    join s in db.MemberStandings on a.MemberId equals s.MemberId into standing
                    from s in standing.DefaultIfEmpty()
                    select new { a.MemberId, a.OccurredAt, a.StoreId, a.Type, a.Amount, TierId = (int?)s.TierId })
                .ToListAsync(ct);
            var added = rows.Select(r => (r.MemberId, Day: LocalDay(r.OccurredAt), Store: r.StoreId ?? ActivityDayTotal.NoStore,
                Tier: r.TierId ?? tiers.EntryTierId, r.Type, Amount: r.Amount ?? 0m)).ToList();

            var dayRows = added.GroupBy(a => (a.Day, a.Store, a.Tier, a.Type))
                .Select(g => new object?[] { g.Key.Day, g.Key.Store, g.Key.Tier, (int)g.Key.Type, g.Count(), (double)g.Sum(a => a.Amount) })
                .ToList();
            await MultiRowWrite.ExecuteAsync(db, DayTotalsInsert, dayRows, """
                ON CONFLICT ("Day","StoreId","TierId","Type") DO UPDATE
                    SET "Activities" = "ActivityDayTotals"."Activities" + excluded."Activities",
                        "Amount" = "ActivityDayTotals"."Amount" + excluded."Amount"
                """, ct);

            var presenceFrom = InsightsFilter.WeekStart(InsightsScope.Today(calendar)).AddDays(-7 * PresenceWeeks);
            var trackedFrom = state.PresenceFrom is { } kept && kept > presenceFrom ? kept : presenceFrom;
            var tracked = state.PresenceFrom is not null
                ? added.Where(a => InsightsFilter.WeekStart(a.Day) >= trackedFrom).ToList() : [];
            recount = added.Select(a => InsightsFilter.WeekStart(a.Day)).Where(w => state.PresenceFrom is null || w < trackedFrom)
                .Distinct().Order().ToList();

            // New rows nearly always fall in this week, so its presence rows (one a member, store and tier active in it)
            // are read as one key range and matched here.
            var weeks = tracked.Select(a => InsightsFilter.WeekStart(a.Day)).ToHashSet();
            var trackedMembers = tracked.Select(a => a.MemberId).ToHashSet();
            var (firstWeek, lastWeek) = weeks.Count == 0 ? (trackedFrom, trackedFrom) : (weeks.Min(), weeks.Max());
            var seen = (await db.ActiveMemberPresences.AsNoTracking()
                    .Where(p => p.WeekStart >= firstWeek && p.WeekStart <= lastWeek).ToListAsync(ct))
                .Where(p => weeks.Contains(p.WeekStart) && trackedMembers.Contains(p.MemberId))
                .Select(p => (p.WeekStart, p.MemberId, p.StoreId, p.TierId)).ToHashSet();
            var seenInWeek = seen.Select(p => (p.WeekStart, p.MemberId)).ToHashSet();
            var seenInTier = seen.Select(p => (p.WeekStart, p.MemberId, p.TierId)).ToHashSet();
            var seenInStore = seen.Where(p => p.StoreId != ActivityDayTotal.NoStore)
                .Select(p => (p.WeekStart, p.MemberId, p.StoreId)).ToHashSet();
            var newPresence = new List<object?[]>();
            var weekAdds = new Dictionary<(DateOnly Week, int Store, int Tier), int>();
            foreach (var a in tracked)
            {
                var week = InsightsFilter.WeekStart(a.Day);
                if (!seen.Add((week, a.MemberId, a.Store, a.Tier))) continue;
                newPresence.Add([week, a.MemberId, a.Store, a.Tier]);
                if (seenInWeek.Add((week, a.MemberId))) Add(week, ActiveMembersWeek.All, ActiveMembersWeek.All);
                if (seenInTier.Add((week, a.MemberId, a.Tier))) Add(week, ActiveMembersWeek.All, a.Tier);
                if (a.Store == ActivityDayTotal.NoStore) continue;
                if (seenInStore.Add((week, a.MemberId, a.Store))) Add(week, a.Store, ActiveMembersWeek.All);
                Add(week, a.Store, a.Tier);
            }
            await MultiRowWrite.ExecuteAsync(db, PresenceInsert, newPresence, "", ct);
            await MultiRowWrite.ExecuteAsync(db, """INSERT INTO "ActiveMembersWeeks" ("WeekStart","StoreId","TierId","Members")""",
                weekAdds.Select(w => new object?[] { w.Key.Week, w.Key.Store, w.Key.Tier, w.Value }).ToList(),
                """
                ON CONFLICT ("WeekStart","StoreId","TierId") DO UPDATE SET "Members" = "ActiveMembersWeeks"."Members" + excluded."Members"
                """, ct);

            // Weeks slide out of the presence kept; a late row in one of them recounts that week instead.
            if (state.PresenceFrom is not null && state.PresenceFrom < trackedFrom)
            {
                await db.ActiveMemberPresences.Where(p => p.WeekStart < trackedFrom).ExecuteDeleteAsync(ct);
                state.PresenceFrom = trackedFrom;
            }
            state.ActivitiesThrough = to;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            touchedDays = added.Select(a => a.Day).Distinct().Order().ToList();
            touchedWeeks = added.Select(a => InsightsFilter.WeekStart(a.Day)).Distinct().Order().ToList();

            void Add(DateOnly week, int store, int tier) =>
                weekAdds[(week, store, tier)] = weekAdds.GetValueOrDefault((week, store, tier)) + 1;
        }
        foreach (var (first, last) in Runs(recount, WeeksPerRead, step: 7)) await RecomputeWeeksAsync(first, last, tiers, ct);
        return (touchedDays, touchedWeeks);
    }

    /// <summary>
    /// Takes the rollup state row's lock for the caller's transaction (creating the row if need be) and returns it
    /// tracked. On SQLite the first write makes this transaction the one writer before it reads anything.
    /// </summary>
    private static async Task<InsightsRollupState> LockStateAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "InsightsRollupStates" ("Id","ActivitiesThrough","PulsesThrough","TierChangesThrough")
            VALUES ({InsightsRollupState.SingletonId}, 0, 0, 0) ON CONFLICT ("Id") DO NOTHING
            """, ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "InsightsRollupStates" SET "Id" = "Id" WHERE "Id" = {InsightsRollupState.SingletonId}""", ct);
        }
        else
        {
            await db.Database.SqlQuery<int>(
                    $"""SELECT 1 AS "Value" FROM "InsightsRollupStates" WHERE "Id" = {InsightsRollupState.SingletonId} FOR UPDATE""")
                .ToListAsync(ct);
        }
        return await db.InsightsRollupStates.SingleAsync(s => s.Id == InsightsRollupState.SingletonId, ct);
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
