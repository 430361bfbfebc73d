using System.Collections.Concurrent;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members.Referrals;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members.Referrals;

/// <summary>A referred member's first visit or purchase credits their referrer, exactly once, whichever path records it.</summary>
public sealed class ReferralConversionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task The_first_visit_credits_the_referrer_through_the_engagement_rules_and_rings_their_bell(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var (referrer, _, _) = await db.AddReferrerAsync("Priya Shah");
        var (friend, _, _) = await db.AddReferrerAsync("Jo Lee", referredBy: referrer.Id);
        var pinged = new ConcurrentBag<(int, MemberChange)>();
        db.Get<MemberEvents>().Changed += (id, change) => pinged.Add((id, change));
        var rulePoints = await db.QueryAsync(c => c.EngagementRules.Where(r => r.Type == ActivityType.ReferralConverted).Select(r => r.Points).SingleAsync(Ct));

        var result = await db.Get<RecognitionService>().RecordVisitAsync(staff, friend.Id, Ct);

        Assert.True(result.Succeeded, result.Message);
        var credit = await db.QueryAsync(c => c.Activities.SingleAsync(a => a.Type == ActivityType.ReferralConverted, Ct));
        Assert.Equal((referrer.Id, $"referral-converted:{friend.Id}", rulePoints), (credit.MemberId, credit.SourceKey, credit.Points));
        Assert.True(rulePoints > 0);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, await db.MemberAsync(friend.Id, m => m.ReferralConvertedAt));
        var bell = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.MemberId == referrer.Id, Ct));
        Assert.Equal((NotificationKind.ReferralConverted, "/me/invite"), (bell.Kind, bell.Link));
        Assert.Contains((referrer.Id, MemberChange.Notification), pinged);
    }

    [Theory, AllProviders]
    public async Task Later_visits_and_purchases_do_not_credit_again(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var (referrer, _, _) = await db.AddReferrerAsync("Priya Shah");
        var (friend, _, _) = await db.AddReferrerAsync("Jo Lee", referredBy: referrer.Id);
        var recognition = db.Get<RecognitionService>();

        await recognition.RecordPurchaseAsync(staff, friend.Id, new(20m, "GBP", Guid.NewGuid()), Ct);
        db.Clock.Advance(TimeSpan.FromDays(1));
        await recognition.RecordVisitAsync(staff, friend.Id, Ct);
        await recognition.RecordPurchaseAsync(staff, friend.Id, new(30m, "GBP", Guid.NewGuid()), Ct);

        Assert.Equal(1, await db.QueryAsync(c => c.Activities.CountAsync(a => a.Type == ActivityType.ReferralConverted, Ct)));
        Assert.Equal(1, await db.QueryAsync(c => c.Notifications.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_member_nobody_referred_credits_no_one(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var (member, _, _) = await db.AddReferrerAsync("Jo Lee");

        await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);

        Assert.False(await db.QueryAsync(c => c.Activities.AnyAsync(a => a.Type == ActivityType.ReferralConverted, Ct)));
        Assert.Null(await db.MemberAsync(member.Id, m => m.ReferralConvertedAt));
    }

    [Theory, AllProviders]
    public async Task Two_first_visits_at_once_convert_once(DatabaseProvider provider)
    {
        // Concurrent writers need their own connections: a file database on SQLite.
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var stores = new[] { await db.AddStoreAsync("North"), await db.AddStoreAsync("South"), await db.AddStoreAsync("East") };
        var staff = new List<LoyaltyPortal.Components.Account.Caller>();
        foreach (var store in stores) staff.Add(await db.AddUserAsync(Roles.Staff, "Staff " + store.Name, storeId: store.Id));
        var (referrer, _, _) = await db.AddReferrerAsync("Priya Shah");
        var (friend, _, _) = await db.AddReferrerAsync("Jo Lee", referredBy: referrer.Id);
        // Both have joined (and so have a standing row) before the rush, as real members do.
        await JoinAsync(db, referrer.Id);
        await JoinAsync(db, friend.Id);
        var recognition = db.Get<RecognitionService>();

        var results = await Task.WhenAll(staff.SelectMany(s => new[]
        {
            Task.Run(() => recognition.RecordVisitAsync(s, friend.Id, Ct), Ct),
            Task.Run(() => recognition.RecordPurchaseAsync(s, friend.Id, new(15m, "GBP", Guid.NewGuid()), Ct), Ct),
        }));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(6, await db.QueryAsync(c => c.Activities.CountAsync(a => a.MemberId == friend.Id && (a.Type == ActivityType.Visit || a.Type == ActivityType.Purchase), Ct)));
        Assert.Equal(1, await db.QueryAsync(c => c.Activities.CountAsync(a => a.Type == ActivityType.ReferralConverted && a.MemberId == referrer.Id, Ct)));
        Assert.Equal(1, await db.QueryAsync(c => c.Notifications.CountAsync(n => n.MemberId == referrer.Id, Ct)));
    }

    [Theory, AllProviders]
    public async Task A_purchase_recorded_when_a_trial_is_bought_also_converts(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (referrer, _, _) = await db.AddReferrerAsync("Priya Shah");
        var (friend, _, _) = await db.AddReferrerAsync("Jo Lee", referredBy: referrer.Id);

        // Any path that appends a purchase goes through the ledger; here written the way a till import would.
        await using (var context = db.NewContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(Ct);
            await db.Get<ActivityRecorder>().AppendAsync(context, new Activity
            {
                MemberId = friend.Id, Type = ActivityType.Purchase, Amount = 40m, OccurredAt = db.Clock.GetUtcNow().UtcDateTime, SourceKey = "till:1",
            }, Ct);
            await context.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }

        Assert.True(await db.QueryAsync(c => c.Activities.AnyAsync(a => a.SourceKey == ReferralConversion.SourceKey(friend.Id) && a.MemberId == referrer.Id, Ct)));
    }

    private static async Task JoinAsync(TestDb db, int memberId)
    {
        await using var context = db.NewContext();
        await using var transaction = await context.Database.BeginTransactionAsync(Ct);
        await db.Get<ActivityRecorder>().AppendAsync(context, new Activity
        {
            MemberId = memberId, Type = ActivityType.Joined, OccurredAt = db.Clock.GetUtcNow().UtcDateTime.AddDays(-5), SourceKey = $"joined:{memberId}",
        }, Ct);
        await context.SaveChangesAsync(Ct);
        await transaction.CommitAsync(Ct);
    }
}
