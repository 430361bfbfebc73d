using System.Globalization;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// Members whose activity fell sharply against their own past: the last <see cref="RecentDays"/> days up to now,
/// against their monthly average over the <see cref="BaselineDays"/> days before. The ranking is read from the latest
/// snapshot (<see cref="AtRiskSnapshotBuilder"/>, worked out in the background); the tier filter, the member facts and
/// the gesture most worth making are worked out here, for the few members shown.
/// </summary>
public sealed class AtRiskService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, AtRiskRecalculation recalculation, ActiveCallers callers,
    IStringLocalizer<InsightsText> text)
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

    /// <summary>
    /// The members at risk in the filter's store (all stores without one) who hold the filter's tier now, most fallen
    /// first. The filter's dates don't apply: the list is always up to the latest snapshot.
    /// </summary>
    public async Task<AtRiskReport> GetAsync(Caller caller, InsightsFilter filter, int limit = PageSize, CancellationToken ct = default)
    {
        await InsightsScope.RequireAsync(callers, text, caller, filter, calendar, ct);
        limit = Math.Clamp(limit, 1, MaxShown);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await db.AtRiskSnapshots.AsNoTracking().OrderByDescending(s => s.Id)
            .Select(s => new { s.Id, s.ComputedAt, s.BaselineFrom, s.RecentFrom, s.RecentTo }).FirstOrDefaultAsync(ct);
        if (snapshot is null) return AtRiskReport.NotYetWorkedOut(recalculation.IsBusy);

        var candidates = db.AtRiskCandidates.AsNoTracking().Where(c => c.SnapshotId == snapshot.Id);
        // Two shapes rather than one nullable comparison, so each reads its own range of the index.
        candidates = filter.StoreId is { } storeId ? candidates.Where(c => c.StoreId == storeId) : candidates.Where(c => c.StoreId == null);
        // Anonymised since the snapshot was taken: gone from the list at once.
        candidates = candidates.Where(c => !db.Members.Any(m => m.Id == c.MemberId && m.AnonymisedAt != null));
        if (filter.TierId is { } tierId)
        {
            // Tier held now, looked up for the stored candidates only (thousands, not every member).
            var entryTierId = await db.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            var entry = entryTierId == tierId;
            candidates = candidates.Where(c => db.MemberStandings.Any(s => s.MemberId == c.MemberId && s.TierId == tierId)
                || (entry && !db.MemberStandings.Any(s => s.MemberId == c.MemberId)));
        }
        var total = await candidates.CountAsync(ct);
        var shown = await candidates.OrderBy(c => c.Rank).Take(limit)
            .Select(c => new { c.MemberId, c.Baseline, c.Recent, c.LastActivityAt }).ToListAsync(ct);

        var facts = await MemberFacts.LoadAsync(db, shown.Select(c => c.MemberId).ToList(), Utc(snapshot.BaselineFrom), calendar.UtcNow, ct);
        var members = shown.Where(c => facts.ContainsKey(c.MemberId)).Select(c =>
        {
            var f = facts[c.MemberId];
            var perMonth = (double)c.Baseline / BaselineMonths;
            return new AtRiskMember(c.MemberId, f.Name, f.Code, f.TierName, Math.Round(perMonth, 1), c.Recent,
                Math.Round(1 - c.Recent / perMonth, 3), c.LastActivityAt, SuggestedAction(f));
        }).ToList();
        return new(snapshot.ComputedAt, snapshot.BaselineFrom, snapshot.RecentFrom, snapshot.RecentTo, total, members, recalculation.IsBusy);
    }

    /// <summary>Queues a fresh snapshot; false when one is already queued or running (this request joins it).</summary>
    public async Task<bool> RequestRecalculationAsync(Caller caller, CancellationToken ct = default)
    {
        await InsightsScope.RequireManagerAsync(callers, text, caller, ct);
        return recalculation.Request();
    }

    private DateTime Utc(DateOnly day) => InsightsScope.StartOfDayUtc(calendar, day);

    /// <summary>
    /// Most personal first: an experience they booked and missed, a tier about to lapse, an event for their interests.
    /// In the reader's language: worked out for the page that shows it, never stored.
    /// </summary>
    private string SuggestedAction(MemberFacts f)
    {
        var today = InsightsScope.Today(calendar);
        if (f.Missed is { } missed)
        {
            return text["Missed {0} ({1}): ask what got in the way and offer another date", missed.Title, Day(missed.At)];
        }
        if (f.LapsesAt is { } lapses)
        {
            return text["{0} lapses {1}: invite them back before then", f.TierName, Day(lapses)];
        }
        if (f.Invite is { } invite)
        {
            return invite.SeatsLeft == 1
                ? text["Invite to {0} ({1}): matches ‘{2}’, 1 seat left", invite.Title, Day(invite.At), invite.Interest ?? ""]
                : text["Invite to {0} ({1}): matches ‘{2}’, {3} seats left", invite.Title, Day(invite.At), invite.Interest ?? "", invite.SeatsLeft];
        }
        return text[PersonalNote];

        string Day(DateTime utc) => calendar.ToLocal(utc).ToString(calendar.ToLocal(utc).Year == today.Year
            ? ProgrammeCalendar.DayMonthPattern(CultureInfo.CurrentCulture) : ProgrammeCalendar.DatePattern(CultureInfo.CurrentCulture), CultureInfo.CurrentCulture);
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
