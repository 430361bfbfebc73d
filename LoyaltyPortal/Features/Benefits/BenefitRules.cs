using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>Who a member is to the booking rules: their id, tier rank and interests.</summary>
internal sealed record MemberEligibility(int MemberId, int TierRank, IReadOnlySet<int> InterestIds);

/// <summary>The columns the rules read, so "For you" can load thousands of benefits cheaply.</summary>
internal sealed record BenefitRuleFacts(
    int Id, BenefitKind Kind, BenefitStatus Status, int? MinimumTierRank, int? EarlyAccessTierRank, int EarlyAccessHours,
    DateTime? BookingOpensAt, DateTime? BookingClosesAt, DateTime? StartsAt, DateTime? EndsAt, DateOnly? AvailableUntil,
    IReadOnlyCollection<int> EligibleInterestIds);

/// <summary>Eligibility, booking windows and the cancellation cut-off, shared by "For you" and booking.</summary>
internal static class BenefitRules
{
    public static async Task<MemberEligibility?> FindMemberAsync(LoyaltyDbContext db, string userId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking()
            .Where(m => m.UserId == userId && m.AnonymisedAt == null)
            .Select(m => new
            {
                m.Id,
                TierRank = db.MemberStandings.Where(s => s.MemberId == m.Id).Join(db.Tiers, s => s.TierId, t => t.Id, (s, t) => (int?)t.Rank).FirstOrDefault(),
                Interests = m.Interests.Select(i => i.InterestId).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (member is null) return null;
        var rank = member.TierRank ?? await db.Tiers.MinAsync(t => (int?)t.Rank, ct) ?? 0;
        return new MemberEligibility(member.Id, rank, member.Interests.ToHashSet());
    }

    public static IQueryable<BenefitRuleFacts> Facts(LoyaltyDbContext db, IQueryable<Benefit> benefits) =>
        benefits.Select(b => new BenefitRuleFacts(
            b.Id, b.Kind, b.Status,
            db.Tiers.Where(t => t.Id == b.MinimumTierId).Select(t => (int?)t.Rank).FirstOrDefault(),
            db.Tiers.Where(t => t.Id == b.EarlyAccessTierId).Select(t => (int?)t.Rank).FirstOrDefault(),
            b.EarlyAccessHours, b.BookingOpensAt, b.BookingClosesAt, b.StartsAt, b.EndsAt, b.AvailableUntil,
            b.EligibleInterests.Select(i => i.InterestId).ToList()));

    /// <summary>Whether the member may see the benefit at all: published, not over, their tier and interests fit.</summary>
    public static bool IsVisibleTo(BenefitRuleFacts benefit, MemberEligibility member, DateTime now) =>
        benefit.Status == BenefitStatus.Published
        && !IsOver(benefit, now)
        && (benefit.MinimumTierRank is null || member.TierRank >= benefit.MinimumTierRank)
        && (benefit.EligibleInterestIds.Count == 0 || benefit.EligibleInterestIds.Any(member.InterestIds.Contains));

    public static bool IsOver(BenefitRuleFacts benefit, DateTime now) => benefit.Kind switch
    {
        BenefitKind.Event => benefit.EndsAt is { } ends && ends <= now,
        BenefitKind.Guidance => benefit.AvailableUntil is { } until && until < DateOnly.FromDateTime(now),
        _ => false,
    };

    /// <summary>When booking opens for this member: earlier for members at the early-access tier or above.</summary>
    public static DateTime? OpensAtFor(BenefitRuleFacts benefit, MemberEligibility member) =>
        benefit.BookingOpensAt is { } opens && benefit.EarlyAccessTierRank is { } earlyRank && member.TierRank >= earlyRank
            ? HoursBefore(opens, benefit.EarlyAccessHours)
            : benefit.BookingOpensAt;

    /// <summary>Booking closes at the set time, or when the event starts.</summary>
    public static bool HasClosed(BenefitRuleFacts benefit, DateTime now) =>
        benefit.BookingClosesAt is { } closes ? closes <= now : benefit.Kind == BenefitKind.Event && benefit.StartsAt is { } starts && starts <= now;

    public static DateTime? CancellationCutoff(DateTime? startsAt, int cutoffHours) => startsAt is { } starts ? HoursBefore(starts, cutoffHours) : null;

    /// <summary>
    /// <paramref name="hours"/> before <paramref name="at"/>, stopping at the calendar's ends: the editor bounds the
    /// hours now, but a row saved before that (99,999,999 hours) must not make every member page throw.
    /// </summary>
    public static DateTime HoursBefore(DateTime at, int hours)
    {
        var span = TimeSpan.FromHours(hours);
        if (span > TimeSpan.Zero && at - DateTime.MinValue < span) return DateTime.SpecifyKind(DateTime.MinValue, at.Kind);
        if (span < TimeSpan.Zero && DateTime.MaxValue - at < -span) return DateTime.SpecifyKind(DateTime.MaxValue, at.Kind);
        return at - span;
    }
}
