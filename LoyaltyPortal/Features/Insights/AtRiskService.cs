using System.Globalization;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// Members whose activity fell sharply against their own past: the last <see cref="RecentDays"/> days up to the
/// range's end, against their monthly average over the <see cref="BaselineDays"/> days before. Each comes with the
/// gesture most worth making, chosen from what we know about them.
/// </summary>
public sealed class AtRiskService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, InsightsResultCache cache)
{
    public const int RecentDays = 30;
    public const int BaselineDays = 180;
    private const int BaselineMonths = BaselineDays / RecentDays;

    /// <summary>Only regulars can fall away: at least this many activities a month in the baseline.</summary>
    public const int MinBaselinePerMonth = 4;

    /// <summary>At risk when the last 30 days hold at most this share of their usual month (25%: a drop of 75% or more).</summary>
    public const double MaxRecentShare = 0.25;

    public const int PageSize = 50;
    public const int MaxShown = 500;

    /// <summary>A tier lapsing within this many days is worth mentioning.</summary>
    public const int LapseSoonDays = 30;

    public const string PersonalNote = "Send a personal note: say we've missed them";

    public async Task<AtRiskReport> GetAsync(Caller caller, InsightsFilter filter, int limit = PageSize, CancellationToken ct = default)
    {
        InsightsScope.Require(caller, filter, calendar);
        limit = Math.Clamp(limit, 1, MaxShown);
        var ranked = await cache.GetOrAddAsync((nameof(AtRiskService), filter), c => RankAsync(filter, c), ct);
        var shown = ranked.Members.Take(limit).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await MemberFacts.LoadAsync(db, shown.Select(c => c.MemberId).ToList(), Utc(ranked.BaselineFrom), calendar.UtcNow, ct);
        var members = shown.Where(c => facts.ContainsKey(c.MemberId)).Select(c =>
        {
            var f = facts[c.MemberId];
            var perMonth = (double)c.Baseline / BaselineMonths;
            return new AtRiskMember(c.MemberId, f.Name, f.Code, f.TierName, Math.Round(perMonth, 1), c.Recent,
                Math.Round(1 - c.Recent / perMonth, 3), c.Last, SuggestedAction(f));
        }).ToList();
        return new(ranked.BaselineFrom, ranked.RecentFrom, filter.To, ranked.Members.Count, members);
    }

    private sealed record Candidate(int MemberId, int Baseline, int Recent, DateTime Last);

    private sealed record Ranking(DateOnly BaselineFrom, DateOnly RecentFrom, IReadOnlyList<Candidate> Members);

    /// <summary>Every member at risk, most fallen first: the costly pass over the ledger, kept in the cache.</summary>
    private async Task<Ranking> RankAsync(InsightsFilter filter, CancellationToken ct)
    {
        var end = filter.To.AddDays(1);
        var (baselineFrom, recentFrom) = (end.AddDays(-RecentDays - BaselineDays), end.AddDays(-RecentDays));
        var (baselineStart, recentStart, recentEnd) = (Utc(baselineFrom), Utc(recentFrom), Utc(end));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activities = db.Activities.AsNoTracking().Where(a => a.OccurredAt >= baselineStart && a.OccurredAt < recentEnd
            && a.Type != ActivityType.Joined && a.Type != ActivityType.StaffNoteAdded);
        if (filter.StoreId is { } storeId) activities = activities.Where(a => a.StoreId == storeId);
        if (filter.TierId is { } tierId)
        {
            var inTier = InsightsScope.MembersInTier(db, tierId);
            activities = activities.Where(a => inTier.Contains(a.MemberId));
        }

        // Whole numbers only: baseline / 6 >= 4 and recent <= 25% of baseline / 6, multiplied out.
        const int minBaseline = MinBaselinePerMonth * BaselineMonths;
        const int recentFactor = (int)(BaselineMonths / MaxRecentShare);
        var candidates = await activities
            .GroupBy(a => a.MemberId)
            .Select(g => new
            {
                MemberId = g.Key,
                Baseline = g.Sum(a => a.OccurredAt < recentStart ? 1 : 0),
                Recent = g.Sum(a => a.OccurredAt >= recentStart ? 1 : 0),
                Last = g.Max(a => a.OccurredAt),
            })
            .Where(c => c.Baseline >= minBaseline && c.Recent * recentFactor <= c.Baseline)
            .ToListAsync(ct);

        var ids = candidates.Select(c => c.MemberId).ToList();
        var gone = (await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id) && m.AnonymisedAt != null).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        var ranked = candidates.Where(c => !gone.Contains(c.MemberId))
            .OrderBy(c => (double)c.Recent / c.Baseline).ThenByDescending(c => c.Baseline).ThenBy(c => c.MemberId)
            .Select(c => new Candidate(c.MemberId, c.Baseline, c.Recent, c.Last))
            .ToList();
        return new(baselineFrom, recentFrom, ranked);
    }

    private DateTime Utc(DateOnly day) => InsightsScope.StartOfDayUtc(calendar, day);

    /// <summary>Most personal first: an experience they booked and missed, a tier about to lapse, an event for their interests.</summary>
    private string SuggestedAction(MemberFacts f)
    {
        var today = InsightsScope.Today(calendar);
        if (f.Missed is { } missed)
        {
            return $"Missed {missed.Title} ({Day(missed.At)}): ask what got in the way and offer another date";
        }
        if (f.LapsesAt is { } lapses)
        {
            return $"{f.TierName} lapses {Day(lapses)}: invite them back before then";
        }
        if (f.Invite is { } invite)
        {
            var seats = invite.SeatsLeft == 1 ? "1 seat left" : $"{invite.SeatsLeft} seats left";
            return $"Invite to {invite.Title} ({Day(invite.At)}): matches ‘{invite.Interest}’, {seats}";
        }
        return PersonalNote;

        string Day(DateTime utc) => calendar.ToLocal(utc).ToString(calendar.ToLocal(utc).Year == today.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture);
    }

    private sealed record Dated(string Title, DateTime At, string? Interest = null, int SeatsLeft = 0);

    /// <summary>What the suggested action is chosen from, for the few members shown.</summary>
    private sealed record MemberFacts(string Name, string Code, string TierName, Dated? Missed, DateTime? LapsesAt, Dated? Invite)
    {
        public static async Task<Dictionary<int, MemberFacts>> LoadAsync(LoyaltyDbContext db, List<int> ids, DateTime since, DateTime now, CancellationToken ct)
        {
            if (ids.Count == 0) return [];
            var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
                .Select(m => new { m.Id, m.PreferredName, m.MemberCode, m.HomeStoreId }).ToListAsync(ct);
            var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
            var standings = await db.MemberStandings.AsNoTracking().Where(s => ids.Contains(s.MemberId))
                .Select(s => new { s.MemberId, s.TierId, s.DropsAt }).ToDictionaryAsync(s => s.MemberId, ct);
            var missed = (await db.Bookings.AsNoTracking()
                    .Where(b => ids.Contains(b.MemberId) && b.Status == BookingStatus.NoShow && b.Benefit!.StartsAt >= since && b.Benefit.StartsAt < now)
                    .Select(b => new { b.MemberId, b.Benefit!.Title, At = b.Benefit.StartsAt!.Value }).ToListAsync(ct))
                .GroupBy(b => b.MemberId).ToDictionary(g => g.Key, g => g.MaxBy(b => b.At)!);
            var interests = (await db.MemberInterests.AsNoTracking().Where(i => ids.Contains(i.MemberId)).Select(i => new { i.MemberId, i.InterestId }).ToListAsync(ct))
                .ToLookup(i => i.MemberId, i => i.InterestId);
            var booked = (await db.Bookings.AsNoTracking()
                    .Where(b => ids.Contains(b.MemberId) && b.Benefit!.StartsAt > now && b.Status != BookingStatus.Cancelled)
                    .Select(b => new { b.MemberId, b.BenefitId }).ToListAsync(ct))
                .ToLookup(b => b.MemberId, b => b.BenefitId);
            var events = await db.Benefits.AsNoTracking()
                .Where(b => b.Kind == BenefitKind.Event && b.Status == BenefitStatus.Published && b.StartsAt > now && b.Taken < b.Capacity
                    && (b.BookingClosesAt == null || b.BookingClosesAt > now))
                .OrderBy(b => b.StartsAt).Take(100)
                .Select(b => new
                {
                    b.Id, b.Title, At = b.StartsAt!.Value, SeatsLeft = b.Capacity - b.Taken,
                    Stores = b.Stores.Select(s => s.StoreId).ToList(),
                    Interests = b.Interests.Select(i => new { i.InterestId, i.Interest!.Name }).ToList(),
                })
                .ToListAsync(ct);

            var entry = tiers.FirstOrDefault();
            var result = new Dictionary<int, MemberFacts>();
            foreach (var m in members)
            {
                var standing = standings.GetValueOrDefault(m.Id);
                var tier = tiers.FirstOrDefault(t => t.Id == standing?.TierId) ?? entry;
                var lapses = standing?.DropsAt is { } drops && tier?.Id != entry?.Id && drops > now && drops <= now.AddDays(LapseSoonDays) ? drops : (DateTime?)null;
                var mine = interests[m.Id].ToHashSet();
                var invite = events
                    .Where(e => !booked[m.Id].Contains(e.Id) && (e.Stores.Count == 0 || (m.HomeStoreId is { } home && e.Stores.Contains(home))))
                    .Select(e => (Event: e, Interest: e.Interests.FirstOrDefault(i => mine.Contains(i.InterestId))))
                    .FirstOrDefault(e => e.Interest is not null);
                result[m.Id] = new MemberFacts(m.PreferredName, m.MemberCode, tier?.Name ?? "",
                    missed.TryGetValue(m.Id, out var miss) ? new Dated(miss.Title, miss.At) : null,
                    lapses,
                    invite.Event is { } e ? new Dated(e.Title, e.At, invite.Interest!.Name, e.SeatsLeft) : null);
            }
            return result;
        }
    }
}
