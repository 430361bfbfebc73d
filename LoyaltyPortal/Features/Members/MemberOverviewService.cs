using System.Linq.Expressions;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Members;

/// <summary>
/// The manager's 360° view of one member: tier and progress as the member sees it, lifetime figures, bookings,
/// trials, achievements, activity, notes, pulse answers and who opened their card. Every list is the newest
/// <see cref="Take"/> rows of the member's own index range, and every count stops at <see cref="MaxCounted"/>,
/// so a member with years of history costs the same few small queries as a new one.
/// </summary>
/// <remarks>
/// Reading this page writes no card-view row: the audit records staff opening the recognition card at the counter
/// (<see cref="Recognition.RecognitionService.GetCardAsync"/>), and managers read the audit itself.
/// </remarks>
public sealed class MemberOverviewService(IDbContextFactory<LoyaltyDbContext> dbFactory, ProgrammeCalendar calendar, ActiveCallers callers)
{
    public const int Take = 20;
    public const int PulseTake = 5;
    public const int MaxCounted = 1_000;

    /// <summary>The member's overview for an active manager, or null when no such member exists.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not an active manager.</exception>
    public async Task<MemberOverview?> GetAsync(Caller caller, int memberId, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, "Only managers read a member's overview.", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.Members.AsNoTracking().Where(m => m.Id == memberId);
        var profile = await MemberService.ProjectProfile(members).FirstOrDefaultAsync(ct);
        if (profile is null) return null;
        var state = await members
            .Select(m => new { m.UserId, m.AnonymisedAt, Deactivated = db.Users.Any(u => u.Id == m.UserId && u.IsDeactivated) })
            .FirstAsync(ct);
        var status = state.AnonymisedAt is not null ? MemberStatus.Anonymised
            : state.UserId is null ? MemberStatus.NoLogin
            : state.Deactivated ? MemberStatus.LoginDeactivated
            : MemberStatus.Active;

        var now = calendar.UtcNow;
        var tier = await MyProgressService.TierProgressAsync(db, memberId, now, ct);
        var totals = await TotalsAsync(db, memberId, now, ct);
        var (upcoming, past) = await BookingsAsync(db, memberId, now, ct);
        var trials = await LatestAsync(
            db.Bookings.AsNoTracking().Where(b => b.MemberId == memberId && b.Benefit!.Kind == BenefitKind.Trial),
            rows => rows
                // Out with the member first, soonest due; then waiting to be collected; then closed, newest first.
                .OrderBy(b => b.Status == BookingStatus.HandedOut ? 0 : b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Waitlisted ? 1 : 2)
                .ThenBy(b => b.Status == BookingStatus.HandedOut ? b.DueAt : null)
                .ThenByDescending(b => b.ClosedAt ?? b.CreatedAt).ThenByDescending(b => b.Id),
            b => new OverviewTrial(b.Id, b.Benefit!.Title, b.Benefit.ProductName, b.Status, b.DueAt, b.ClosedAt,
                b.Status == BookingStatus.HandedOut && b.DueAt < now),
            Take, ct);
        var achievements = await LatestAsync(
            db.MemberAchievements.AsNoTracking().Where(e => e.MemberId == memberId)
                .Join(db.Achievements, e => e.AchievementId, a => a.Id, (e, a) => new { a.Id, a.Name, a.Description, a.Badge, e.EarnedAt }),
            rows => rows.OrderByDescending(a => a.EarnedAt).ThenBy(a => a.Id),
            a => new EarnedAchievement(a.Id, a.Name, a.Description, a.Badge, a.EarnedAt),
            Take, ct);
        var activity = await LatestAsync(
            db.Activities.AsNoTracking().Where(a => a.MemberId == memberId && a.OccurredAt <= now && a.Type != ActivityType.StaffNoteAdded),
            rows => rows.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id),
            a => new ActivityLine(a.Id, a.Type, a.OccurredAt, db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault(),
                a.Amount, a.Description, a.Points),
            Take, ct);
        var notes = await LatestAsync(
            db.StaffNotes.AsNoTracking().Where(n => n.MemberId == memberId),
            rows => rows.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id),
            n => new StaffNoteLine(n.Id, n.Text, n.AuthorName, db.Stores.Where(s => s.Id == n.StoreId).Select(s => s.Name).FirstOrDefault(), n.CreatedAt),
            Take, ct);
        var pulse = await LatestAsync(
            db.PulseResponses.AsNoTracking().Where(p => p.MemberId == memberId),
            rows => rows.OrderByDescending(p => p.RespondedAt).ThenByDescending(p => p.Id),
            p => new PulseAnswer(p.RespondedAt, p.Score, p.Matters, p.MattersText),
            PulseTake, ct);
        var views = await LatestAsync(
            db.CardViews.AsNoTracking().Where(v => v.MemberId == memberId),
            rows => rows.OrderByDescending(v => v.ViewedAt).ThenByDescending(v => v.Id),
            v => new MemberCardView(v.Id, v.StaffName, db.Stores.Where(s => s.Id == v.StoreId).Select(s => s.Name).FirstOrDefault(), v.ViewedAt),
            Take, ct);
        return new MemberOverview(profile, status, tier, totals, upcoming, past, trials, achievements, activity, notes, pulse, views);
    }

    /// <summary>Visits, purchases, spend and advocacy in one pass over the member's ledger.</summary>
    private static async Task<MemberTotals> TotalsAsync(LoyaltyDbContext db, int memberId, DateTime now, CancellationToken ct)
    {
        var byType = await db.Activities.AsNoTracking()
            .Where(a => a.MemberId == memberId && a.OccurredAt <= now && (a.Type == ActivityType.Visit || a.Type == ActivityType.Purchase
                || a.Type == ActivityType.ReferralConverted || a.Type == ActivityType.GuestBrought || a.Type == ActivityType.FeedbackGiven))
            .GroupBy(a => a.Type)
            .Select(g => new { Type = g.Key, Count = g.Count(), Spend = g.Sum(a => a.Amount ?? 0m), Last = g.Max(a => a.OccurredAt) })
            .ToDictionaryAsync(g => g.Type, ct);
        var visits = byType.GetValueOrDefault(ActivityType.Visit);
        var purchases = byType.GetValueOrDefault(ActivityType.Purchase);
        var advocacy = new[] { ActivityType.ReferralConverted, ActivityType.GuestBrought, ActivityType.FeedbackGiven }
            .Sum(t => byType.GetValueOrDefault(t)?.Count ?? 0);
        return new MemberTotals(visits?.Count ?? 0, purchases?.Count ?? 0, purchases?.Spend ?? 0m, visits?.Last, advocacy);
    }

    /// <summary>Events and guidance sessions still to come (booked or waitlisted), and the rest: attended, missed, cancelled.</summary>
    private static async Task<(LatestRows<OverviewBooking> Upcoming, LatestRows<OverviewBooking> Past)> BookingsAsync(
        LoyaltyDbContext db, int memberId, DateTime now, CancellationToken ct)
    {
        var bookings = db.Bookings.AsNoTracking()
            .Where(b => b.MemberId == memberId && b.Benefit!.Kind != BenefitKind.Trial)
            .Select(b => new
            {
                b.Id, b.BenefitId, b.Benefit!.Kind, b.Benefit.Title, b.Status, b.Seats,
                StartsAt = b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefault() : b.Benefit.StartsAt,
            });
        var upcoming = await LatestAsync(
            bookings.Where(b => (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Waitlisted) && (b.StartsAt == null || b.StartsAt >= now)),
            rows => rows.OrderBy(b => b.StartsAt == null ? 1 : 0).ThenBy(b => b.StartsAt).ThenBy(b => b.Id),
            b => new OverviewBooking(b.Id, b.BenefitId, b.Kind, b.Title, b.Status, b.StartsAt, b.Seats),
            Take, ct);
        var past = await LatestAsync(
            bookings.Where(b => !((b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Waitlisted) && (b.StartsAt == null || b.StartsAt >= now))),
            rows => rows.OrderBy(b => b.StartsAt == null ? 1 : 0).ThenByDescending(b => b.StartsAt).ThenByDescending(b => b.Id),
            b => new OverviewBooking(b.Id, b.BenefitId, b.Kind, b.Title, b.Status, b.StartsAt, b.Seats),
            Take, ct);
        return (upcoming, past);
    }

    /// <summary>The first <paramref name="take"/> rows in order, and the count of all matching up to <see cref="MaxCounted"/>.</summary>
    private static async Task<LatestRows<T>> LatestAsync<TRow, T>(IQueryable<TRow> matching, Func<IQueryable<TRow>, IOrderedQueryable<TRow>> order,
        Expression<Func<TRow, T>> project, int take, CancellationToken ct)
    {
        var items = await order(matching).Take(take).Select(project).ToListAsync(ct);
        // A short page is the whole list; only a full one needs counting.
        var counted = items.Count < take ? items.Count : await matching.Take(MaxCounted + 1).CountAsync(ct);
        return new LatestRows<T>(items, Math.Min(counted, MaxCounted), counted > MaxCounted);
    }
}
