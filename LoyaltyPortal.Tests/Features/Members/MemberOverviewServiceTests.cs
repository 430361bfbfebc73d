using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Tests.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Operations;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members;

/// <summary><see cref="MemberOverviewService"/>: the manager's 360° view of one member, who may read it, and its bounds.</summary>
public sealed class MemberOverviewServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A member with a Silver standing, bookings past and to come, two trials, a badge, a pulse answer, a note and two card views.</summary>
    internal static async Task<(Member Member, Store Store)> SeedHistoryAsync(TestDb db)
    {
        var store = await db.AddStoreAsync("Covent Garden");
        var (member, _) = await db.AddMemberAsync("Anna Müller", homeStoreId: store.Id);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var upcoming = await db.AddEventAsync(startsIn: TimeSpan.FromDays(3), configure: b => b.Title = "Trail day");
        var past = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-10), configure: b => b.Title = "Night run");
        var cancelled = await db.AddEventAsync(startsIn: TimeSpan.FromDays(5), configure: b => b.Title = "Yoga for runners");
        var overdueTrial = await db.AddTrialAsync();
        var returnedTrial = await db.AddTrialAsync();
        await using var context = db.NewContext();
        context.Activities.Add(new Activity { MemberId = member.Id, Type = ActivityType.Visit, OccurredAt = now.AddDays(-4), StoreId = store.Id, Points = 350, SourceKey = "v1" });
        context.Activities.Add(new Activity { MemberId = member.Id, Type = ActivityType.Purchase, OccurredAt = now.AddDays(-4), StoreId = store.Id, Amount = 42.50m, SourceKey = "p1" });
        context.Activities.Add(new Activity { MemberId = member.Id, Type = ActivityType.GuestBrought, OccurredAt = now.AddDays(-3), StoreId = store.Id, SourceKey = "g1" });
        context.Bookings.AddRange(
            new Booking { BenefitId = upcoming.Id, MemberId = member.Id, Status = BookingStatus.Confirmed, Seats = 2, CreatedAt = now.AddDays(-1) },
            new Booking { BenefitId = past.Id, MemberId = member.Id, Status = BookingStatus.Attended, CreatedAt = now.AddDays(-20), CheckedInAt = now.AddDays(-10) },
            new Booking { BenefitId = cancelled.Id, MemberId = member.Id, Status = BookingStatus.Cancelled, CreatedAt = now.AddDays(-2), CancelledAt = now.AddDays(-1) },
            new Booking { BenefitId = overdueTrial.Id, MemberId = member.Id, Status = BookingStatus.HandedOut, CreatedAt = now.AddDays(-40), HandedOutAt = now.AddDays(-35), DueAt = now.AddDays(-5) },
            new Booking { BenefitId = returnedTrial.Id, MemberId = member.Id, Status = BookingStatus.Returned, CreatedAt = now.AddDays(-90), DueAt = now.AddDays(-50), ClosedAt = now.AddDays(-55) });
        var badge = new Achievement { Name = "First steps", Description = "Visit once", ActivityType = ActivityType.Visit, TargetCount = 1, CreatedAt = now.AddYears(-1) };
        context.Achievements.Add(badge);
        await context.SaveChangesAsync(Ct);
        context.MemberAchievements.Add(new MemberAchievement { MemberId = member.Id, AchievementId = badge.Id, EarnedAt = now.AddDays(-4) });
        context.PulseResponses.Add(new PulseResponse { MemberId = member.Id, RespondedAt = now.AddDays(-2), Score = 9, Matters = ["events"], MattersText = "Finding running partners" });
        context.StaffNotes.Add(new StaffNote { MemberId = member.Id, AuthorUserId = "staff", AuthorName = "Sam Okafor", StoreId = store.Id, Text = "Training for Berlin", CreatedAt = now.AddDays(-4) });
        context.CardViews.AddRange(
            new CardView { MemberId = member.Id, StaffUserId = "staff", StaffName = "Sam Okafor", StoreId = store.Id, ViewedAt = now.AddDays(-4) },
            new CardView { MemberId = member.Id, StaffUserId = "staff-2", StaffName = "Priya Shah", StoreId = null, ViewedAt = now.AddDays(-1) });
        await context.SaveChangesAsync(Ct);
        return (member, store);
    }

    [Theory, AllProviders]
    public async Task Overview_shows_a_manager_each_section_of_the_members_history(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, store) = await SeedHistoryAsync(db);
        var manager = await db.AddUserAsync(Roles.Manager, "Morgan Lee");
        var now = db.Clock.GetUtcNow().UtcDateTime;

        var overview = (await db.Get<MemberOverviewService>().GetAsync(manager, member.Id, Ct))!;

        Assert.Equal(("Anna Müller", member.MemberCode, "Covent Garden"), (overview.Profile.PreferredName, overview.Profile.MemberCode, overview.Profile.HomeStoreName));
        Assert.Equal(MemberStatus.Active, overview.Status);
        Assert.Equal(("Silver", "Gold", 350, 550), (overview.Tier.Held.Name, overview.Tier.Next!.Name, overview.Tier.Points, overview.Tier.ToGo));
        Assert.Equal(new MemberTotals(1, 1, 42.50m, now.AddDays(-4), 1), overview.Totals);
        Assert.Equal([("Trail day", BookingStatus.Confirmed, 2)], overview.Upcoming.Items.Select(b => (b.Title, b.Status, b.Seats)));
        Assert.Equal([("Yoga for runners", BookingStatus.Cancelled), ("Night run", BookingStatus.Attended)], overview.Past.Items.Select(b => (b.Title, b.Status)));
        Assert.Equal([(BookingStatus.HandedOut, true), (BookingStatus.Returned, false)], overview.Trials.Items.Select(t => (t.Status, t.IsOverdue)));
        Assert.Equal("Trail shoe", overview.Trials.Items[0].Product);
        Assert.Equal([("First steps", now.AddDays(-4))], overview.Achievements.Items.Select(a => (a.Name, a.EarnedAt)));
        Assert.Equal([ActivityType.GuestBrought, ActivityType.Purchase, ActivityType.Visit], overview.RecentActivity.Items.Select(a => a.Type).Take(3));
        var answer = Assert.Single(overview.PulseAnswers.Items);
        Assert.Equal((9, "events", "Finding running partners"), (answer.Score, Assert.Single(answer.Matters), answer.MattersText));
        Assert.Equal([("Training for Berlin", "Covent Garden")], overview.Notes.Items.Select(n => (n.Text, n.StoreName)));
        Assert.Equal([("Priya Shah", (string?)null), ("Sam Okafor", store.Name)], overview.CardViews.Items.Select(v => (v.StaffName, v.StoreName)));
        Assert.Equal((2, false), (overview.CardViews.Total, overview.CardViews.MoreThanCounted));
    }

    [Theory, AllProviders]
    public async Task Overview_of_a_new_member_has_the_entry_tier_and_empty_sections(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (member, _) = await db.AddMemberAsync("Jo New", withLogin: false);

        var overview = (await db.Get<MemberOverviewService>().GetAsync(manager, member.Id, Ct))!;

        Assert.Equal((StarterTiers.Entry, 0, MemberStatus.NoLogin), (overview.Tier.Held.Name, overview.Tier.Points, overview.Status));
        Assert.Equal(new MemberTotals(0, 0, 0m, null, 0), overview.Totals);
        Assert.All(new[] { overview.Upcoming.Total, overview.Past.Total, overview.Trials.Total, overview.Achievements.Total, overview.RecentActivity.Total,
            overview.Notes.Total, overview.PulseAnswers.Total, overview.CardViews.Total }, total => Assert.Equal(0, total));
    }

    [Theory, AllProviders]
    public async Task Overview_lists_show_the_newest_twenty_and_count_up_to_the_limit(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (member, _) = await db.AddMemberAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using (var context = db.NewContext())
        {
            context.CardViews.AddRange(Enumerable.Range(0, MemberOverviewService.MaxCounted + 5).Select(i => new CardView
            {
                MemberId = member.Id, StaffUserId = "staff", StaffName = $"Staff {i}", ViewedAt = now.AddMinutes(-i),
            }));
            context.StaffNotes.AddRange(Enumerable.Range(0, 25).Select(i => new StaffNote
            {
                MemberId = member.Id, AuthorUserId = "staff", AuthorName = "Sam", Text = $"Note {i}", CreatedAt = now.AddMinutes(-i),
            }));
            await context.SaveChangesAsync(Ct);
        }

        var overview = (await db.Get<MemberOverviewService>().GetAsync(manager, member.Id, Ct))!;

        Assert.Equal(MemberOverviewService.Take, overview.CardViews.Items.Count);
        Assert.Equal("Staff 0", overview.CardViews.Items[0].StaffName);
        Assert.Equal((MemberOverviewService.MaxCounted, true, "1,000+"), (overview.CardViews.Total, overview.CardViews.MoreThanCounted, overview.CardViews.TotalText));
        Assert.Equal((20, 25, false), (overview.Notes.Items.Count, overview.Notes.Total, overview.Notes.MoreThanCounted));
        Assert.Equal("Note 0", overview.Notes.Items[0].Text);
    }

    [Theory, AllProviders]
    public async Task Overview_shows_an_anonymised_member_as_deleted(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (member, caller) = await db.AddMemberAsync("Gone Soon");
        await db.Get<PersonalDataService>().AnonymiseAsync(caller!.UserId, Ct);

        var overview = await db.Get<MemberOverviewService>().GetAsync(manager, member.Id, Ct);

        Assert.Equal(MemberStatus.Anonymised, overview!.Status);
    }

    [Theory, AllProviders]
    public async Task Overview_of_an_unknown_member_is_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        Assert.Null(await db.Get<MemberOverviewService>().GetAsync(manager, 999_999, Ct));
    }

    [Theory, AllProviders]
    public async Task Overview_refuses_staff_and_members_even_for_their_own_record(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, memberCaller) = await db.AddMemberAsync(homeStoreId: store.Id);
        var service = db.Get<MemberOverviewService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(staff, member.Id, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(memberCaller!, member.Id, Ct));
    }

    [Theory, AllProviders]
    public async Task Overview_refuses_a_deactivated_manager_and_one_claiming_a_role_it_lacks(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, memberCaller) = await db.AddMemberAsync();
        var manager = await db.AddUserAsync(Roles.Manager);
        var service = db.Get<MemberOverviewService>();
        // A member's login presenting a forged manager role is refused: the role is checked against the database.
        var forged = memberCaller! with { Roles = new HashSet<string> { Roles.Manager } };
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(forged, member.Id, Ct));

        await db.QueryAsync(c => c.Users.Where(u => u.Id == manager.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDeactivated, true), Ct));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(manager, member.Id, Ct));
    }

    [Theory, AllProviders]
    public async Task Reading_the_overview_is_not_logged_as_a_card_view(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (member, _) = await db.AddMemberAsync();

        await db.Get<MemberOverviewService>().GetAsync(manager, member.Id, Ct);

        Assert.Equal(0, await db.QueryAsync(c => c.CardViews.CountAsync(v => v.MemberId == member.Id, Ct)));
    }
}
