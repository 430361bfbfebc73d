using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Now is 20 Nov 2026 10:00 UTC, so "this year" began on 1 Jan 2026.</summary>
public sealed class MyProgressServiceTests
{
    private static readonly DateTime NewYear = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Progress_for_staff_is_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddMemberAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);

        Assert.Null(await db.Get<MyProgressService>().GetAsync(staff, Ct));
    }

    [Theory, AllProviders]
    public async Task Progress_for_a_manager_is_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddMemberAsync();
        var manager = await db.AddUserAsync(Roles.Manager);

        Assert.Null(await db.Get<MyProgressService>().GetAsync(manager, Ct));
    }

    [Theory, AllProviders]
    public async Task Progress_after_the_member_deleted_their_account_is_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync();
        await db.Get<PersonalDataService>().AnonymiseAsync(caller!.UserId, Ct);

        Assert.Null(await db.Get<MyProgressService>().GetAsync(caller, Ct));
    }

    [Theory, AllProviders]
    public async Task Progress_is_the_callers_own(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddMemberAsync("Jo Smith");
        var (member, caller) = await db.AddMemberAsync("Alex Morgan");
        await db.AddMemberAsync("Sam Brown");

        var progress = await db.Get<MyProgressService>().GetAsync(caller!, Ct);

        Assert.Equal((member.Id, "Alex Morgan", member.MemberCode), (progress!.MemberId, progress.PreferredName, progress.MemberCode));
    }

    [Theory, AllProviders]
    public async Task Progress_counts_only_this_years_visits_and_purchases_of_the_caller(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (member, caller) = await db.AddMemberAsync("Alex Morgan");
        var (other, _) = await db.AddMemberAsync("Jo Smith");
        await db.AddActivityAsync(member.Id, ActivityType.Visit, NewYear, store.Id);
        await db.AddActivityAsync(member.Id, ActivityType.Visit, NewYear.AddMonths(6), store.Id);
        await db.AddActivityAsync(member.Id, ActivityType.Visit, NewYear.AddMinutes(-1), store.Id);
        await db.AddActivityAsync(member.Id, ActivityType.Purchase, NewYear.AddMonths(10), store.Id, 40m);
        await db.AddActivityAsync(other.Id, ActivityType.Visit, NewYear.AddMonths(6), store.Id);

        var progress = await db.Get<MyProgressService>().GetAsync(caller!, Ct);

        Assert.Equal((2, 1), (progress!.VisitsThisYear, progress.PurchasesThisYear));
    }

    [Theory, AllProviders]
    public async Task Progress_counts_referrals_guests_and_feedback_as_advocacy(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();
        await db.AddActivityAsync(member.Id, ActivityType.ReferralConverted, NewYear.AddMonths(1));
        await db.AddActivityAsync(member.Id, ActivityType.GuestBrought, NewYear.AddMonths(2));
        await db.AddActivityAsync(member.Id, ActivityType.FeedbackGiven, NewYear.AddMonths(3));
        await db.AddActivityAsync(member.Id, ActivityType.FeedbackGiven, NewYear.AddDays(-10));
        await db.AddActivityAsync(member.Id, ActivityType.Visit, NewYear.AddMonths(3));

        var progress = await db.Get<MyProgressService>().GetAsync(caller!, Ct);

        Assert.Equal(3, progress!.AdvocacyThisYear);
    }

    [Theory, AllProviders]
    public async Task Progress_of_a_new_member_with_a_phone_is_forty_percent(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync(phone: "+447400900123");

        var progress = await db.Get<MyProgressService>().GetAsync(caller!, Ct);

        Assert.Equal([true, true, false, false, false], progress!.ProfileSteps.Select(s => s.Done));
        Assert.Equal(40, progress.ProfilePercent);
    }

    [Theory, AllProviders]
    public async Task Progress_of_a_complete_profile_is_a_hundred_percent(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (_, caller) = await db.AddMemberAsync();
        var interests = await db.QueryAsync(c => c.Interests.Where(i => i.Name == "Yoga" || i.Name == "Hiking").Select(i => i.Id).ToListAsync(Ct));
        await db.Get<MemberService>().UpdateMyProfileAsync(caller!, new ProfileInput
        {
            PreferredName = "Alex", Phone = "07400 900123", Birthday = new DateOnly(1990, 5, 1), HomeStoreId = store.Id, InterestIds = interests,
        }, Ct);

        var progress = await db.Get<MyProgressService>().GetAsync(caller!, Ct);

        Assert.Equal(100, progress!.ProfilePercent);
    }

    [Theory, AllProviders]
    public async Task Progress_shows_the_ten_latest_activities_newest_first(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (member, caller) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        for (var day = 1; day <= 12; day++) await db.AddActivityAsync(member.Id, ActivityType.Visit, now.AddDays(-day), store.Id);

        var progress = await db.Get<MyProgressService>().GetAsync(caller!, Ct);

        Assert.Equal(Enumerable.Range(1, 10).Select(day => now.AddDays(-day)), progress!.RecentActivity.Select(a => a.OccurredAt));
        Assert.All(progress.RecentActivity, a => Assert.Equal(store.Name, a.StoreName));
    }
}
