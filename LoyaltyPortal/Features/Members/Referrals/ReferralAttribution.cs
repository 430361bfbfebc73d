using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members.Referrals;

/// <summary>
/// The one check every way of naming a referrer goes through (registration, counter enrolment, a late addition):
/// the code's shape, that it belongs to a current member, and for an existing member that it is not their own, not
/// someone below them in their own chain, not a second referrer, and not too long after they joined.
/// </summary>
public static class ReferralAttribution
{
    /// <summary>Its refusals in the current UI culture: the check is static, called from registration, the counter and the invite page.</summary>
    private static IStringLocalizer<ReferralsText> Text => ReferralWords.Static;

    /// <param name="refereeId">The member being attributed; null for a person who is joining right now.</param>
    /// <param name="joinedNoEarlierThan">For an existing member: the earliest joining time that may still add a referrer.</param>
    public static async Task<ReferralCheck> CheckAsync(LoyaltyDbContext db, string? code, int? refereeId, DateTime? joinedNoEarlierThan, CancellationToken ct)
    {
        if (ReferralRules.Normalize(code) is not { } normalized)
        {
            return ReferralCheck.Refused(ReferralRefusal.Malformed, Text["That isn't a referral code. Codes look like {0}.", "REF-K7M2QP"]);
        }
        var referrer = await db.Members.AsNoTracking().Where(m => m.ReferralCode == normalized)
            .Select(m => new { m.Id, m.PreferredName, m.AnonymisedAt }).FirstOrDefaultAsync(ct);
        if (referrer is null) return ReferralCheck.Refused(ReferralRefusal.Unknown, Text["We couldn't find that referral code. Check it with the friend who gave it to you."]);
        if (referrer.AnonymisedAt is not null) return ReferralCheck.Refused(ReferralRefusal.ReferrerAnonymised, Text["That referral code is no longer in use."]);
        if (refereeId is not { } memberId) return ReferralCheck.Ok(referrer.Id, referrer.PreferredName);

        if (referrer.Id == memberId) return ReferralCheck.Refused(ReferralRefusal.SelfReferral, Text["That's your own code. Enter the code of the friend who invited you."]);
        var referee = await db.Members.AsNoTracking().Where(m => m.Id == memberId && m.AnonymisedAt == null)
            .Select(m => new { m.JoinedAt, m.ReferredByMemberId }).FirstOrDefaultAsync(ct);
        if (referee is null) return ReferralCheck.Refused(ReferralRefusal.NoMember, Text["There is no member profile for this account."]);
        if (referee.ReferredByMemberId is not null) return ReferralCheck.Refused(ReferralRefusal.AlreadyReferred, Text["A friend's referral is already recorded for you."]);
        if (joinedNoEarlierThan is { } earliest && referee.JoinedAt < earliest)
        {
            return ReferralCheck.Refused(ReferralRefusal.TooLate, Text["A referral can only be added in your first weeks as a member."]);
        }
        if (await IsBelowAsync(db, referrer.Id, memberId, ct))
        {
            return ReferralCheck.Refused(ReferralRefusal.Circular, Text["{0} joined through you, so they can't be your referrer.", referrer.PreferredName]);
        }
        return ReferralCheck.Ok(referrer.Id, referrer.PreferredName);
    }

    /// <summary>
    /// Whether walking up from <paramref name="start"/> through each referrer reaches <paramref name="ancestor"/>. One
    /// primary-key read per step, bounded: a chain longer than the bound is treated as circular rather than followed.
    /// </summary>
    internal static async Task<bool> IsBelowAsync(LoyaltyDbContext db, int start, int ancestor, CancellationToken ct)
    {
        int? current = start;
        for (var steps = 0; current is { } id; steps++)
        {
            if (id == ancestor || steps >= ReferralSettings.MaxChainWalk) return true;
            current = await db.Members.AsNoTracking().Where(m => m.Id == id).Select(m => m.ReferredByMemberId).FirstOrDefaultAsync(ct);
        }
        return false;
    }

    /// <summary>A fresh code no member has yet. Clashes are rare (a billion codes); the unique index settles a race.</summary>
    public static async Task<string> NewUniqueCodeAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        string code;
        do code = ReferralRules.NewCode();
        while (await db.Members.AnyAsync(m => m.ReferralCode == code, ct));
        return code;
    }
}
