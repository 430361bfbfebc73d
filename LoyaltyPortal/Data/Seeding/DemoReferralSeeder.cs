using LoyaltyPortal.Features.Members.Referrals;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// The demo member has invited three generated members who joined after them: one has visited since (the referral
/// converted, with the credit in the demo member's history) and two have not come in yet.
/// </summary>
public static class DemoReferralSeeder
{
    public static async Task SeedAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        var demoEmail = DemoAccounts.Member.Email.ToLowerInvariant();
        var demo = await db.Members.Where(m => m.SearchEmail == demoEmail).Select(m => new { m.Id, m.JoinedAt }).FirstOrDefaultAsync(ct);
        if (demo is null || await db.Members.AnyAsync(m => m.ReferredByMemberId == demo.Id, ct)) return;

        var candidates = db.Members.Where(m => m.Id > demo.Id && m.JoinedAt > demo.JoinedAt && m.ReferredByMemberId == null && m.AnonymisedAt == null)
            .OrderBy(m => m.Id);
        var firstCame = await candidates
            .Select(m => new
            {
                m.Id, m.PreferredName,
                First = db.Activities.Where(a => a.MemberId == m.Id && (a.Type == ActivityType.Visit || a.Type == ActivityType.Purchase))
                    .OrderBy(a => a.OccurredAt).Select(a => new { a.OccurredAt, a.StoreId }).FirstOrDefault(),
            })
            .Where(m => m.First != null).FirstOrDefaultAsync(ct);
        var notYet = await candidates
            .Where(m => !db.Activities.Any(a => a.MemberId == m.Id && (a.Type == ActivityType.Visit || a.Type == ActivityType.Purchase)))
            .Select(m => m.Id).Take(2).ToListAsync(ct);

        foreach (var id in notYet)
        {
            await db.Members.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ReferredByMemberId, demo.Id), ct);
        }
        if (firstCame?.First is not { } first) return;
        await db.Members.Where(m => m.Id == firstCame.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ReferredByMemberId, demo.Id).SetProperty(m => m.ReferralConvertedAt, first.OccurredAt), ct);
        db.Activities.Add(new Activity
        {
            MemberId = demo.Id, Type = ActivityType.ReferralConverted, OccurredAt = first.OccurredAt, StoreId = first.StoreId,
            SourceKey = ReferralConversion.SourceKey(firstCame.Id), Description = $"{firstCame.PreferredName} made their first visit",
            Points = StarterRules.SeedPoints(ActivityType.ReferralConverted, null),
        });
        await db.SaveChangesAsync(ct);
    }
}
