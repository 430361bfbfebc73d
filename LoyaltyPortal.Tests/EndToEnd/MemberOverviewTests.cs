using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>The manager's member page at desktop and tablet widths: the member's 360°, and a new member's empty states.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MemberOverviewTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1366)]
    [InlineData(1024)]
    public async Task A_manager_sees_tier_bookings_trials_achievements_and_card_views(int width)
    {
        var memberId = await SeedMemberAsync($"Priya Overview {width}", withHistory: true);
        var page = await OpenAsManagerAsync($"/manager/members/{memberId}", width);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Priya Overview {width}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("member-tier")).ToContainTextAsync("Silver");
        await Expect(page.GetByTestId("member-bookings")).ToContainTextAsync("Overview evening");
        await Expect(page.GetByTestId("member-bookings")).ToContainTextAsync("Attended");
        await Expect(page.GetByTestId("member-trials")).ToContainTextAsync("Overdue since");
        await Expect(page.GetByTestId("member-achievements")).ToContainTextAsync("Overview badge");
        await Expect(page.GetByTestId("member-card-views")).ToContainTextAsync("Sam Overview");

        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, $"/manager/members/{memberId} at {width}px");
        await BrowserFixture.ScreenshotAsync(page, width == 1366 ? "manager-member-360-desktop" : "manager-member-360-tablet");
    }

    [Fact]
    public async Task A_new_members_page_has_an_empty_state_in_each_section()
    {
        var memberId = await SeedMemberAsync("Nia Newcomer", withHistory: false);
        var page = await OpenAsManagerAsync($"/manager/members/{memberId}", 1366);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nia Newcomer", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("member-trials")).ToContainTextAsync("No trials");
        await Expect(page.GetByTestId("member-card-views")).ToContainTextAsync("Nobody has opened their card");

        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "a new member's page");
        await BrowserFixture.ScreenshotAsync(page, "manager-member-360-new-member-desktop");
    }

    private async Task<IPage> OpenAsManagerAsync(string path, int width)
    {
        var page = await browser.NewPageAsync(width, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Manager.Email);
        await page.WaitForURLAsync("**/manager");
        await page.GotoAsync(path);
        await new Shell(page).WaitUntilInteractiveAsync();
        return page;
    }

    private async Task<int> SeedMemberAsync(string name, bool withHistory)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var store = await db.Stores.OrderBy(s => s.Id).FirstAsync();
        var member = new Member { MemberCode = MemberRules.NewMemberCode(), PreferredName = name, SearchName = MemberRules.ToSearchForm(name), JoinedAt = now.AddDays(-1) };
        MemberSearchForms.Apply(member);
        db.Members.Add(member);
        await db.SaveChangesAsync();
        if (!withHistory) return member.Id;

        Benefit Event(string title, int days) => new()
        {
            Kind = BenefitKind.Event, Status = BenefitStatus.Published, Title = title, Description = "For the member page test.",
            StartsAt = now.AddDays(days), EndsAt = now.AddDays(days).AddHours(2), Capacity = 10, CreatedAt = now, UpdatedAt = now,
        };
        var upcoming = Event("Overview evening", 4);
        var past = Event("Overview morning", -6);
        var trial = new Benefit
        {
            Kind = BenefitKind.Trial, Status = BenefitStatus.Published, Title = "Overview trial", Description = "Try it.", ProductName = "Overview jacket",
            Capacity = 2, TrialDays = 14, CreatedAt = now, UpdatedAt = now,
        };
        var badge = new Achievement { Name = $"Overview badge {name}", Description = "Seeded for the test", ActivityType = ActivityType.Visit, CreatedAt = now, IsRetired = true };
        db.AddRange(upcoming, past, trial, badge);
        await db.SaveChangesAsync();
        db.Activities.Add(new Activity { MemberId = member.Id, Type = ActivityType.Visit, OccurredAt = now.AddHours(-3), StoreId = store.Id, Points = 350, SourceKey = $"overview:{member.Id}" });
        db.Bookings.AddRange(
            new Booking { BenefitId = upcoming.Id, MemberId = member.Id, Status = BookingStatus.Confirmed, CreatedAt = now },
            new Booking { BenefitId = past.Id, MemberId = member.Id, Status = BookingStatus.Attended, CreatedAt = now.AddDays(-8) },
            new Booking { BenefitId = trial.Id, MemberId = member.Id, Status = BookingStatus.HandedOut, CreatedAt = now.AddDays(-20), DueAt = now.AddDays(-2) });
        db.MemberAchievements.Add(new MemberAchievement { MemberId = member.Id, AchievementId = badge.Id, EarnedAt = now.AddHours(-3) });
        db.CardViews.Add(new CardView { MemberId = member.Id, StaffUserId = "overview-staff", StaffName = "Sam Overview", StoreId = store.Id, ViewedAt = now.AddHours(-3) });
        await db.SaveChangesAsync();
        return member.Id;
    }
}
