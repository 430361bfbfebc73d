using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Tests.Features.Members.Referrals;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Races;

/// <summary>What follows from an activity (achievements, referral credit, profile completion) under concurrent writes.</summary>
public sealed class MemberRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Race_visits_at_once_award_each_achievement_once_and_miss_none(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 12);
        var (member, _) = await db.AddMemberAsync("Rae Race");
        var recognition = db.Get<RecognitionService>();

        var results = await RaceKit.AtOnceAsync(staff.Count, i => recognition.RecordVisitAsync(staff[i], member.Id, Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.NotEqual(0, await db.QueryAsync(c => c.MemberAchievements.CountAsync(e => e.MemberId == member.Id, Ct)));
        // A sweep over the ledger finds nothing the appends missed.
        Assert.Equal(0, await db.Get<AchievementKeeper>().AwardFromHistoryAsync(Ct));
        await RaceKit.StandingsMatchLedgerAsync(db, member.Id);
    }

    [Theory, AllProviders]
    public async Task Race_a_referred_members_first_visits_credit_the_referrer_once_while_the_referrer_visits_too(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 6);
        var (referrer, _, _) = await db.AddReferrerAsync("Priya Shah");
        var (friend, _, _) = await db.AddReferrerAsync("Jo Lee", referredBy: referrer.Id);
        var recognition = db.Get<RecognitionService>();

        var results = await RaceKit.AtOnceAsync(12, i => recognition.RecordVisitAsync(staff[i % 6], i < 6 ? friend.Id : referrer.Id, Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(1, await RaceKit.CountAsync(db, referrer.Id, ActivityType.ReferralConverted));
        // One "your invitation paid off", and the referrer's six visits earn Regular (4 visits in 30 days): celebrated once.
        var kinds = await db.QueryAsync(c => c.Notifications.Where(n => n.MemberId == referrer.Id).Select(n => n.Kind).ToListAsync(Ct));
        Assert.Equal([NotificationKind.ReferralConverted, NotificationKind.AchievementEarned], kinds.Order());
        Assert.Equal((6, 6), (await RaceKit.CountAsync(db, friend.Id, ActivityType.Visit), await RaceKit.CountAsync(db, referrer.Id, ActivityType.Visit)));
        await RaceKit.StandingsMatchLedgerAsync(db, friend.Id, referrer.Id);
    }

    [Theory, AllProviders]
    public async Task Race_profile_completion_saved_twice_during_a_visit_counts_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 3);
        var (member, caller) = await db.AddMemberAsync("Rae Race");
        var interest = await db.QueryAsync(c => c.Interests.Select(i => i.Id).FirstAsync(Ct));
        var members = db.Get<MemberService>();
        var recognition = db.Get<RecognitionService>();
        var input = new ProfileInput
        {
            PreferredName = "Rae Race", Phone = "07400 900123", Birthday = new DateOnly(1990, 5, 1), HomeStoreId = staff[0].StoreId,
            InterestIds = [interest],
        };

        var saves = RaceKit.AtOnceAsync(4, _ => members.UpdateMyProfileAsync(caller!, input, Ct));
        var visits = RaceKit.AtOnceAsync(3, i => recognition.RecordVisitAsync(staff[i], member.Id, Ct));

        Assert.All(await saves, r => Assert.True(r.Succeeded, r.Message));
        Assert.All(await visits, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(1, await RaceKit.CountAsync(db, member.Id, ActivityType.ProfileCompleted));
        Assert.Equal(3, await RaceKit.CountAsync(db, member.Id, ActivityType.Visit));
        await RaceKit.StandingsMatchLedgerAsync(db, member.Id);
    }

    [Theory, AllProviders]
    public async Task Race_the_nightly_jobs_during_first_visits_and_a_referral_lose_nothing_and_fail_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 2);
        var (referrer, _, _) = await db.AddReferrerAsync("Priya Shah");
        var (friend, _, _) = await db.AddReferrerAsync("Jo Lee", referredBy: referrer.Id);
        var members = new List<int> { referrer.Id, friend.Id };
        for (var i = 0; i < 10; i++) members.Add((await db.AddMemberAsync($"Member {i}", withLogin: false)).Member.Id);
        var recognition = db.Get<RecognitionService>();
        var maintenance = db.Get<StandingMaintenance>();
        var keeper = db.Get<AchievementKeeper>();

        // Members without a standing yet: the nightly jobs and the first visits both want to insert standings and awards.
        var recomputes = RaceKit.AtOnceAsync(4, i => i % 2 == 0 ? maintenance.RecomputeAllAsync(Ct) : keeper.AwardFromHistoryAsync(Ct));
        var visits = RaceKit.AtOnceAsync(members.Count * 2, i => recognition.RecordVisitAsync(staff[i / members.Count], members[i % members.Count], Ct));

        await recomputes;
        Assert.All(await visits, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(1, await RaceKit.CountAsync(db, referrer.Id, ActivityType.ReferralConverted));
        Assert.Equal(0, await keeper.AwardFromHistoryAsync(Ct));
        await RaceKit.StandingsMatchLedgerAsync(db, members);
    }
}
