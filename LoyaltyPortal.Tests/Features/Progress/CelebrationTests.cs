using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>A tier reached or an achievement earned at the counter is a moment: a notification, an email, one celebration.</summary>
public sealed class CelebrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestDb Db, LoyaltyPortal.Components.Account.Caller Staff, Member Member, LoyaltyPortal.Components.Account.Caller Caller)>
        SetUpAsync(DatabaseProvider provider, int pointsAlready, bool onDisk = false)
    {
        var db = await TestDb.CreateAsync(provider, onDisk);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var (member, caller) = await db.AddMemberAsync("Alex Morgan", email: "alex@example.com");
        await using var context = db.NewContext();
        // Points from a week ago, written without the recorder: the visit under test is the one that crosses.
        context.Activities.Add(new Activity
        {
            MemberId = member.Id, Type = ActivityType.Purchase, Amount = pointsAlready, Points = pointsAlready,
            OccurredAt = db.Clock.GetUtcNow().UtcDateTime.AddDays(-7), SourceKey = Guid.NewGuid().ToString("N"),
        });
        await context.SaveChangesAsync(Ct);
        await StandingKeeper.RefreshAsync(context, member.Id, db.Clock.GetUtcNow().UtcDateTime, Ct);
        await context.SaveChangesAsync(Ct);
        return (db, staff, member, caller!);
    }

    private static async Task<List<Notification>> NotificationsAsync(TestDb db, int memberId)
    {
        await using var context = db.NewContext();
        return await context.Notifications.AsNoTracking().Where(n => n.MemberId == memberId).OrderBy(n => n.Id).ToListAsync(Ct);
    }

    [Theory, AllProviders]
    public async Task A_visit_that_reaches_a_tier_notifies_and_emails_once_and_my_progress_celebrates_it_once(DatabaseProvider provider)
    {
        var (db, staff, member, caller) = await SetUpAsync(provider, pointsAlready: 295);
        await using var _ = db;

        Assert.True((await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct)).Succeeded);

        var reached = Assert.Single(await NotificationsAsync(db, member.Id), n => n.Kind == NotificationKind.TierReached);
        Assert.Equal("You've reached Silver!", reached.Title);
        var email = Assert.Single(db.Get<RecordingEmailSender>().Sent, m => m.Subject == "You've reached Silver!");
        Assert.Equal("alex@example.com", email.To);

        var first = await db.Get<CelebrationService>().TakeAsync(caller, Ct);
        var again = await db.Get<CelebrationService>().TakeAsync(caller, Ct);
        Assert.Equal(["You've reached Silver!"], first.Select(c => c.Title));
        Assert.Empty(again);

        // A visit the next day in the same tier is no new moment.
        db.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct)).Succeeded);
        Assert.Single(await NotificationsAsync(db, member.Id), n => n.Kind == NotificationKind.TierReached);
    }

    [Theory, AllProviders]
    public async Task An_achievement_earned_at_the_counter_is_notified_emailed_and_celebrated(DatabaseProvider provider)
    {
        var (db, staff, member, caller) = await SetUpAsync(provider, pointsAlready: 10);
        await using var _ = db;
        await using (var context = db.NewContext())
        {
            context.Achievements.Add(new Achievement { Name = "First hello", Description = "Visit a store.", ActivityType = ActivityType.Visit });
            await context.SaveChangesAsync(Ct);
        }

        Assert.True((await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct)).Succeeded);

        var earned = Assert.Single(await NotificationsAsync(db, member.Id), n => n.Kind == NotificationKind.AchievementEarned);
        Assert.Equal(("Achievement earned: First hello", "Visit a store. Well done!"), (earned.Title, earned.Body));
        Assert.Single(db.Get<RecordingEmailSender>().Sent, m => m.Subject == "Achievement earned: First hello");
        Assert.Equal(["Achievement earned: First hello"], (await db.Get<CelebrationService>().TakeAsync(caller, Ct)).Select(c => c.Title));
    }

    [Theory, AllProviders]
    public async Task Another_member_cannot_take_a_members_celebration_and_staff_are_refused(DatabaseProvider provider)
    {
        var (db, staff, member, caller) = await SetUpAsync(provider, pointsAlready: 295);
        await using var _ = db;
        var (_, other) = await db.AddMemberAsync("Jo Smith");
        await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);
        var celebrations = db.Get<CelebrationService>();

        Assert.Empty(await celebrations.TakeAsync(other!, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => celebrations.TakeAsync(staff, Ct));
        Assert.Single(await celebrations.TakeAsync(caller, Ct));
    }

    [Theory, AllProviders]
    public async Task Race_two_tabs_taking_at_once_celebrate_the_moment_once(DatabaseProvider provider)
    {
        // On a file, as the other race tests: connections of their own, so the takes really overlap.
        var (db, staff, member, caller) = await SetUpAsync(provider, pointsAlready: 295, onDisk: true);
        await using var _ = db;
        await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);
        var celebrations = db.Get<CelebrationService>();

        var taken = await LoyaltyPortal.Tests.Features.Races.RaceKit.AtOnceAsync(4, _ => celebrations.TakeAsync(caller, Ct));

        Assert.Equal(1, taken.Sum(t => t.Count));
    }

    [Theory, AllProviders]
    public async Task A_moment_older_than_a_week_waits_in_the_notification_centre_instead(DatabaseProvider provider)
    {
        var (db, staff, member, caller) = await SetUpAsync(provider, pointsAlready: 295);
        await using var _ = db;
        await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);

        db.Clock.Advance(CelebrationService.FreshFor + TimeSpan.FromMinutes(1));

        Assert.Empty(await db.Get<CelebrationService>().TakeAsync(caller, Ct));
        Assert.Null(Assert.Single(await NotificationsAsync(db, member.Id), n => n.Kind == NotificationKind.TierReached).ReadAt);
    }
}
