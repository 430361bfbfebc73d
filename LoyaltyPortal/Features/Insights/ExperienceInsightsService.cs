using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Insights;

/// <summary>How experiences (events, trials, guidance) perform, and what attending one does to members' visits and spend.</summary>
public sealed class ExperienceInsightsService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, ActiveCallers callers,
    IStringLocalizer<InsightsText> text)
{
    /// <summary>Days in each of the ROI's before and after windows.</summary>
    public const int RoiDays = 60;

    /// <summary>Past this many attendees, ROI uses an evenly spread sample of them (and as many comparison members), to stay fast.</summary>
    public const int RoiSampleSize = 2_000;

    /// <summary>Members whose visits and spend one ROI query reads.</summary>
    private const int RoiBatch = 500;

    /// <summary>
    /// Per experience, over the bookings that take place in the range: an event's bookings when it starts in the range,
    /// a guidance booking when its session does, a trial booking when the product was handed out (or, before that,
    /// when it was claimed). Bookings are places held (not cancelled or waitlisted); waitlist demand is the members
    /// who ever joined the waitlist. The store filter keeps experiences held at, picked up from or offered in the
    /// store; the tier filter keeps bookings of members holding the tier now.
    /// </summary>
    public async Task<IReadOnlyList<ExperiencePerformance>> GetPerformanceAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        await InsightsScope.RequireAsync(callers, text, caller, filter, calendar, ct);
        var (start, end) = InsightsScope.Instants(calendar, filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var benefits = db.Benefits.AsNoTracking();
        if (filter.StoreId is { } storeId)
        {
            benefits = benefits.Where(b => b.LocationStoreId == storeId || b.PickupStoreId == storeId
                || (b.LocationStoreId == null && b.PickupStoreId == null && (!b.Stores.Any() || b.Stores.Any(s => s.StoreId == storeId))));
        }
        var scoped = from b in db.Bookings.AsNoTracking()
                     join benefit in benefits on b.BenefitId equals benefit.Id
                     let takesPlace = benefit.Kind == BenefitKind.Event ? benefit.StartsAt
                         : b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefault()
                         : b.HandedOutAt ?? (DateTime?)b.CreatedAt
                     where takesPlace >= start && takesPlace < end
                     select new { b.Id, b.BenefitId, b.MemberId, b.Status, b.WaitlistedAt };
        if (filter.TierId is { } tierId) scoped = scoped.Where(b => InsightsScope.MembersInTier(db, tierId).Contains(b.MemberId));

        var counts = await scoped.GroupBy(b => b.BenefitId).Select(g => new
        {
            BenefitId = g.Key,
            Bookings = g.Count(b => b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.Waitlisted),
            Waitlist = g.Where(b => b.WaitlistedAt != null).Select(b => b.MemberId).Distinct().Count(),
            Attended = g.Count(b => b.Status == BookingStatus.Attended),
            NoShows = g.Count(b => b.Status == BookingStatus.NoShow),
            Kept = g.Count(b => b.Status == BookingStatus.Kept),
            Returned = g.Count(b => b.Status == BookingStatus.Returned),
        }).ToListAsync(ct);
        if (counts.Count == 0) return [];

        var ratings = await (from b in scoped
                             join f in db.ExperienceFeedback on b.Id equals f.BookingId
                             group f by b.BenefitId into g
                             select new { BenefitId = g.Key, Average = g.Average(f => (double)f.Rating), Count = g.Count() }).ToDictionaryAsync(r => r.BenefitId, ct);
        var ids = counts.Select(c => c.BenefitId).ToList();
        var titles = await db.Benefits.AsNoTracking().Where(b => ids.Contains(b.Id))
            .Select(b => new { b.Id, b.Kind, b.Title, b.StartsAt }).ToDictionaryAsync(b => b.Id, ct);

        return counts.Select(c =>
            {
                var benefit = titles[c.BenefitId];
                var rating = ratings.GetValueOrDefault(c.BenefitId);
                return new ExperiencePerformance(c.BenefitId, benefit.Kind, benefit.Title, benefit.Kind == BenefitKind.Event ? benefit.StartsAt : null,
                    c.Bookings, c.Waitlist, c.Attended, c.NoShows, c.Kept, c.Returned, rating?.Average, rating?.Count ?? 0);
            })
            .OrderByDescending(p => p.When).ThenByDescending(p => p.Bookings).ThenBy(p => p.Title, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Experience ROI. Attendees: members (not anonymised; of the store and tier filtered on) who attended an event or
    /// completed a guidance session in the range. Each one's reference day is the programme-local day of their first
    /// such attendance in the range. We count their visits and their spend (sum of purchase amounts) in the
    /// <see cref="RoiDays"/> days before the reference day and the <see cref="RoiDays"/> days after it, the day
    /// itself left out. Only attendees whose 60 days after have all passed (the reference day at least 61 days ago)
    /// and who were members for the whole before window count.
    /// <para>
    /// Comparison: the same number of members, of the same filters, who attended nothing in the range and were
    /// members for the whole earliest before window: those ranking lowest in an order seeded from the filter (see
    /// <see cref="RoiUncertainty.Rank"/>), so the pick is random, not biased to old or new members, the same on every
    /// load, and not reshuffled when a member joins. They take the attendees' reference days in turn (attendees
    /// ordered by reference day, comparison members by id), so both groups are measured over the same calendar days
    /// and seasonality cancels out. Past <see cref="RoiSampleSize"/> attendees, the lowest ranking of them are used.
    /// </para>
    /// <para>The effects carry 95% bootstrap intervals over members (<see cref="RoiUncertainty"/>).</para>
    /// </summary>
    public async Task<ExperienceRoi> GetRoiAsync(Caller caller, InsightsFilter filter, CancellationToken ct = default)
    {
        await InsightsScope.RequireAsync(callers, text, caller, filter, calendar, ct);
        var today = InsightsScope.Today(calendar);
        var (from, to) = InsightsScope.Instants(calendar, filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var members = db.Members.AsNoTracking().Where(m => m.AnonymisedAt == null);
        if (filter.StoreId is { } storeId) members = members.Where(m => m.HomeStoreId == storeId);
        if (filter.TierId is { } tierId) members = members.Where(m => InsightsScope.MembersInTier(db, tierId).Contains(m.Id));
        var attendances = db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Attended && (b.CheckedInAt ?? b.ClosedAt) >= from && (b.CheckedInAt ?? b.ClosedAt) < to);

        var firsts = await (from b in attendances
                            join m in members on b.MemberId equals m.Id
                            group new { At = (b.CheckedInAt ?? b.ClosedAt)!.Value, m.JoinedAt } by b.MemberId into g
                            select new { MemberId = g.Key, First = g.Min(x => x.At), JoinedAt = g.Max(x => x.JoinedAt) }).ToListAsync(ct);

        var lastReferenceDay = today.AddDays(-(RoiDays + 1));
        var mature = firsts.Select(f => new { f.MemberId, Day = DateOnly.FromDateTime(calendar.ToLocal(f.First)), f.JoinedAt })
            .Where(f => f.Day <= lastReferenceDay).ToList();
        var eligible = mature.Where(f => f.JoinedAt < Start(f.Day.AddDays(-RoiDays))).ToList();
        var sampled = eligible.Count > RoiSampleSize;
        var seed = RoiUncertainty.Seed(filter);
        var attendees = eligible.OrderBy(f => RoiUncertainty.Rank(f.MemberId, seed)).Take(RoiSampleSize)
            .OrderBy(f => f.Day).ThenBy(f => f.MemberId).Select(f => (f.MemberId, f.Day)).ToList();
        var empty = new RoiGroup(0, 0, 0, 0, 0);
        if (attendees.Count == 0) return new(empty, empty, firsts.Count, firsts.Count - mature.Count, false);

        var earliest = Start(attendees[0].Day.AddDays(-RoiDays));
        var candidates = members.Where(m => m.JoinedAt < earliest && !attendances.Any(b => b.MemberId == m.Id));
        var others = await PickAsync(db, candidates, attendees.Count, seed, ct);
        var comparison = others.Select((id, i) => (MemberId: id, attendees[i % attendees.Count].Day)).ToList();

        // Members in order of reference day, a few hundred at a time: each batch reads only the days around its own
        // reference days, not the whole span. Member and time only in the WHERE: with the type there too, SQLite may
        // pick the (Type, OccurredAt, …) index and read everyone's visits; (MemberId, OccurredAt, Type, Points,
        // Amount, StoreId) covers this, and the other types are dropped here.
        var rows = new List<(int MemberId, DateTime At, ActivityType Type, decimal Amount)>();
        foreach (var batch in attendees.Concat(comparison).OrderBy(a => a.Day).Chunk(RoiBatch))
        {
            var ids = batch.Select(a => a.MemberId).ToList();
            var (lo, hi) = (Start(batch[0].Day.AddDays(-RoiDays)), Start(batch[^1].Day.AddDays(RoiDays + 1)));
            rows.AddRange((await db.Activities.AsNoTracking()
                    .Where(a => EF.Parameter(ids).Contains(a.MemberId) && a.OccurredAt >= lo && a.OccurredAt < hi)
                    .Select(a => new { a.MemberId, a.OccurredAt, a.Type, a.Amount })
                    .ToListAsync(ct))
                .Where(a => a.Type is ActivityType.Visit or ActivityType.Purchase)
                .Select(a => (a.MemberId, a.OccurredAt, a.Type, a.Amount ?? 0)));
        }
        var activity = rows.ToLookup(a => a.MemberId, a => (a.At, a.Type, a.Amount));

        (RoiGroup Group, List<RoiUncertainty.Change> Changes) Measure(List<(int MemberId, DateOnly Day)> group)
        {
            var counted = group.Select(m => (m.MemberId, m.Day, Windows: Windows(activity[m.MemberId], m.Day))).ToList();
            var changes = counted.Select(m => new RoiUncertainty.Change(m.MemberId, m.Day,
                m.Windows.After.Visits - m.Windows.Before.Visits, (double)(m.Windows.After.Spend - m.Windows.Before.Spend))).ToList();
            if (group.Count == 0) return (empty, changes);
            return (new(group.Count,
                (double)counted.Sum(m => m.Windows.Before.Visits) / group.Count,
                (double)counted.Sum(m => m.Windows.After.Visits) / group.Count,
                counted.Sum(m => m.Windows.Before.Spend) / group.Count,
                counted.Sum(m => m.Windows.After.Spend) / group.Count), changes);
        }

        var (attended, compared) = (Measure(attendees), Measure(comparison));
        var effects = RoiUncertainty.Estimate(attended.Changes, compared.Changes, seed);
        return new(attended.Group, compared.Group, firsts.Count, firsts.Count - mature.Count, sampled, effects?.Visits, effects?.Spend);
    }

    /// <summary>
    /// One member's visits and spend in the <see cref="RoiDays"/> before their reference day and the
    /// <see cref="RoiDays"/> after it.
    /// </summary>
    private ((long Visits, decimal Spend) Before, (long Visits, decimal Spend) After) Windows(
        IEnumerable<(DateTime At, ActivityType Type, decimal Amount)> activity, DateOnly day)
    {
        var (beforeFrom, dayFrom) = (Start(day.AddDays(-RoiDays)), Start(day));
        var (afterFrom, afterTo) = (Start(day.AddDays(1)), Start(day.AddDays(RoiDays + 1)));
        (long Visits, decimal Spend) before = (0, 0), after = (0, 0);
        foreach (var (at, type, amount) in activity)
        {
            var isBefore = at >= beforeFrom && at < dayFrom;
            if (!isBefore && !(at >= afterFrom && at < afterTo)) continue;
            ref var window = ref isBefore ? ref before : ref after;
            if (type == ActivityType.Visit) window.Visits++;
            else window.Spend += amount;
        }
        return (before, after);
    }

    private readonly Dictionary<DateOnly, DateTime> starts = [];

    private DateTime Start(DateOnly day)
    {
        lock (starts)
        {
            if (!starts.TryGetValue(day, out var start)) starts[day] = start = InsightsScope.StartOfDayUtc(calendar, day);
            return start;
        }
    }

    /// <summary>
    /// The <paramref name="count"/> ids of <paramref name="candidates"/> ranking lowest in the seeded order, found
    /// without a scan: each round looks up (primary key seeks) the ids whose rank falls below a cut, growing the cut as
    /// the hit rate so far calls for, until enough match. All candidates below the cut are found, so the lowest ranking
    /// of them are the lowest ranking overall, whatever the id range. The ids travel as one JSON parameter: tens of
    /// thousands of scalar parameters exceed SQLite's limit.
    /// </summary>
    private static async Task<List<int>> PickAsync(
        LoyaltyDbContext db, IQueryable<Member> candidates, int count, ulong seed, CancellationToken ct)
    {
        if (await db.Members.MinAsync(m => (int?)m.Id, ct) is not { } min || await db.Members.MaxAsync(m => (int?)m.Id, ct) is not { } max) return [];
        long span = (long)max - min + 1;
        List<int> found;
        for (var share = Math.Min(1, count * 2.0 / span); ; )
        {
            if (share >= 0.5)
            {
                found = await candidates.Select(m => m.Id).ToListAsync(ct);
                break;
            }
            var cut = (ulong)(share * ulong.MaxValue);
            var ids = new List<int>((int)(share * span * 1.1) + 16);
            for (long id = min; id <= max; id++)
            {
                if (RoiUncertainty.Rank((int)id, seed) < cut) ids.Add((int)id);
            }
            found = await candidates.Where(m => EF.Parameter(ids).Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
            if (found.Count >= count) break;
            // The hit rate so far says how large a cut should find enough (a store's members are few): a quarter more
            // than that, at least twice as large. Growing fourfold instead took four rounds and 340,000 probes for one store.
            var wanted = found.Count == 0 ? share * 16 : count * 1.25 * share / found.Count;
            share = Math.Min(1, Math.Max(share * 2, wanted));
        }
        return found.OrderBy(id => RoiUncertainty.Rank(id, seed)).Take(count).Order().ToList();
    }
}
