using System.Globalization;
using System.Text.RegularExpressions;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// The experience journey end to end: a manager creates a two-seat event, three members book it (the third is
/// waitlisted), one cancels and the third is promoted and notified, and staff check that member in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BenefitJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Two_seats_three_members_a_cancellation_a_promotion_and_a_check_in()
    {
        var title = $"Riverside tempo run {Guid.NewGuid().ToString("N")[..6]}";
        var (startsAt, endsAt) = await TodayWithinTheHourAsync();

        // 1. The manager creates and publishes a two-seat event at Covent Garden that starts within the hour.
        var manager = await browser.NewPageAsync(1366, 900);
        await new LoginPage(manager).SignInAsync(DemoAccounts.Manager.Email);
        await manager.WaitForURLAsync("**/manager");
        await manager.GotoAsync("/manager/benefits/new/event");
        await new Shell(manager).WaitUntilInteractiveAsync();
        await manager.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await manager.GetByLabel("Description (Markdown", new() { Exact = false }).FillAsync("A **5 km** tempo run along the river, then coffee.");
        await manager.GetByLabel("Starts", new() { Exact = true }).FillAsync(startsAt);
        await manager.GetByLabel("Ends", new() { Exact = true }).FillAsync(endsAt);
        await manager.Locator(".mud-input-control.mud-select", new() { HasTextRegex = new Regex("^At store") }).ClickAsync();
        await manager.GetByRole(AriaRole.Option, new() { Name = "Covent Garden" }).ClickAsync();
        await manager.GetByLabel("Capacity (seats)").FillAsync("2");
        await manager.GetByLabel("Cancellation cut-off (hours before the start)").FillAsync("0");
        await BrowserFixture.ScreenshotAsync(manager, "journey-1-manager-editor-desktop");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await manager.WaitForURLAsync(new Regex(@"/manager/benefits/\d+$"));
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(manager.GetByText("Published", new() { Exact = true })).ToBeVisibleAsync();
        var benefitUrl = "/me/benefits/" + new Uri(manager.Url).Segments[^1];

        // 2. Three members join and book; the third is waitlisted.
        string[] names = ["Nia Tempo", "Omar Tempo", "Pia Tempo"];
        var members = new List<IPage>();
        foreach (var name in names)
        {
            var page = await browser.NewPageAsync(390, 844);
            await new RegisterPage(page).JoinAsync(name);
            await page.GotoAsync(benefitUrl);
            await new Shell(page).WaitUntilInteractiveAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
            members.Add(page);
        }
        // The header reads cleanly: the way back on its own line above the kind, and no "Book" chip above the Book button.
        var back = (await members[0].GetByRole(AriaRole.Link, new() { Name = "For you" }).BoundingBoxAsync())!;
        var kind = (await members[0].Locator(".benefit-kind").BoundingBoxAsync())!;
        Assert.True(back.Y + back.Height <= kind.Y, $"the way back ({back.Y}-{back.Y + back.Height}) overlaps the kind at {kind.Y}");
        await Expect(members[0].Locator(".mud-chip", new() { HasText = "Book" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(members[0], "journey-2-benefit-header-phone");
        await members[0].GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(members[0].GetByRole(AriaRole.Button, new() { Name = "Cancel my booking" })).ToBeVisibleAsync();
        // The second books straight from its "For you" card, then taps the card's text (not the title) to open the benefit.
        await members[1].GotoAsync("/me/benefits");
        await new Shell(members[1]).WaitUntilInteractiveAsync();
        var card = members[1].Locator(".benefit-card", new() { Has = members[1].GetByRole(AriaRole.Link, new() { Name = title }) });
        await AccessibilityTests.AssertNoSeriousViolationsAsync(members[1], "/me/benefits");
        await BrowserFixture.ScreenshotAsync(members[1], "journey-2-for-you-phone");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Book: {title}" }).ClickAsync();
        await Expect(card).ToContainTextAsync("Booked");
        // The summary text lies under the title link's overlay (Playwright rightly sees the link take the tap), so tap the card body.
        await card.Locator(".mud-card-content").ClickAsync(new() { Position = new() { X = 12, Y = 12 } });
        await members[1].WaitForURLAsync("**" + benefitUrl);
        await Expect(members[1].GetByRole(AriaRole.Button, new() { Name = "Cancel my booking" })).ToBeVisibleAsync();
        await ReloadInteractiveAsync(members[2]);
        await members[2].GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await Expect(members[2].GetByText("On the waitlist", new() { Exact = false }).First).ToBeVisibleAsync();
        await Expect(members[2].GetByRole(AriaRole.Button, new() { Name = "Leave the waitlist" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(members[2], "journey-2-waitlisted-phone");

        // 3. The first member cancels; the third is promoted at once and the bell says so without a reload.
        var bell = members[2].Locator(".notification-bell");
        await Expect(bell).ToHaveAttributeAsync("data-unread", "0");
        await members[0].GetByRole(AriaRole.Button, new() { Name = "Cancel my booking" }).ClickAsync();
        await members[0].GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        // The freed seat went straight to the waitlist, so the event is full again for the member who cancelled.
        await Expect(members[0].GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" })).ToBeVisibleAsync();
        await Expect(bell).ToHaveAttributeAsync("data-unread", "1");
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications, 1 unread");
        await members[2].GotoAsync("/me/notifications");
        await Expect(members[2].GetByText($"You're in: {title}")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(members[2], "journey-3-promoted-notification-phone");
        await members[2].GotoAsync("/me/bookings");
        await Expect(members[2].GetByText(title)).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(members[2], "journey-3-my-bookings-phone");

        // The manager's overview shows the roster and an empty waitlist.
        await manager.ReloadAsync();
        await Expect(manager.GetByRole(AriaRole.Tab, new() { Name = "Roster (2)" })).ToBeVisibleAsync();
        await Expect(manager.GetByRole(AriaRole.Tab, new() { Name = "Waitlist (0)" })).ToBeVisibleAsync();
        await Expect(manager.GetByRole(AriaRole.Cell, new() { Name = "Pia Tempo" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(manager, "journey-3-manager-overview-desktop");

        // 4. Staff at Covent Garden check the promoted member in, and it lands in the member's activity.
        var staff = await browser.NewPageAsync(1024, 768);
        await new LoginPage(staff).SignInAsync(DemoAccounts.Staff.Email);
        await staff.WaitForURLAsync("**/counter");
        await staff.GotoAsync("/staff/events");
        await new Shell(staff).WaitUntilInteractiveAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = $"Open roster for {title}" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Check in Pia Tempo" }).ClickAsync();
        await Expect(staff.Locator(".roster-row", new() { HasText = "Pia Tempo" })).ToContainTextAsync("Checked in");
        await BrowserFixture.ScreenshotAsync(staff, "journey-4-staff-check-in-tablet");

        await members[2].GotoAsync("/me");
        var timeline = members[2].GetByRole(AriaRole.List, new() { Name = "Recent activity" });
        await Expect(timeline).ToContainTextAsync("Attended an event");
        await Expect(timeline).ToContainTextAsync(title);
        await BrowserFixture.ScreenshotAsync(members[2], "journey-4-member-activity-phone");

        var desktop = await browser.NewPageAsync(1366, 900);
        await new LoginPage(desktop).SignInAsync(DemoAccounts.Member.Email);
        await desktop.WaitForURLAsync("**/me");
        await desktop.GotoAsync(benefitUrl);
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(desktop, "journey-member-benefit-desktop");
    }

    private static async Task ReloadInteractiveAsync(IPage page)
    {
        await page.ReloadAsync();
        await new Shell(page).WaitUntilInteractiveAsync();
    }

    /// <summary>
    /// Local wall-clock times for an event today that starts soon, so staff can check in (it opens two hours before).
    /// Near midnight it starts a little later rather than tomorrow, where staff would not see it.
    /// </summary>
    private async Task<(string StartsAt, string EndsAt)> TodayWithinTheHourAsync()
    {
        var calendar = browser.App.Services.GetRequiredService<ProgrammeCalendar>();
        var now = calendar.ToLocal(calendar.UtcNow);
        if (now.TimeOfDay > new TimeSpan(23, 55, 0))
        {
            await Task.Delay(now.Date.AddDays(1) - now + TimeSpan.FromSeconds(5));
            now = calendar.ToLocal(calendar.UtcNow);
        }
        var start = now.AddMinutes(15);
        if (start.Date != now.Date) start = now.Date.AddDays(1).AddMinutes(-1);
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0);
        const string format = "yyyy-MM-ddTHH:mm";
        return (start.ToString(format, CultureInfo.InvariantCulture), start.AddHours(1).ToString(format, CultureInfo.InvariantCulture));
    }
}
