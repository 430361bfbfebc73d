using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Members.Referrals;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members.Referrals;

internal static class ReferralTestData
{
    /// <summary>A member with a referral code, optionally referred by another and joined some days ago.</summary>
    public static async Task<(Member Member, Caller? Caller, string Code)> AddReferrerAsync(this TestDb db, string name, int? referredBy = null, int joinedDaysAgo = 5, bool withLogin = true)
    {
        var (member, caller) = await db.AddMemberAsync(name, withLogin);
        var code = ReferralRules.CodeFor(member.Id);
        var joined = db.Clock.GetUtcNow().UtcDateTime.AddDays(-joinedDaysAgo);
        await using var context = db.NewContext();
        await context.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ReferralCode, code).SetProperty(m => m.ReferredByMemberId, referredBy).SetProperty(m => m.JoinedAt, joined));
        return (member, caller, code);
    }

    public static async Task MarkConvertedAsync(this TestDb db, int memberId)
    {
        await using var context = db.NewContext();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await context.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ReferralConvertedAt, now));
    }

    public static Task<T> MemberAsync<T>(this TestDb db, int id, Func<Member, T> pick) =>
        db.QueryAsync(async c => pick(await c.Members.AsNoTracking().SingleAsync(m => m.Id == id)));
}
