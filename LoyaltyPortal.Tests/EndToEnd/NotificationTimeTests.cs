using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>On a phone a notification's time is short and on one line; the title wraps beside it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationTimeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Notification_times_stay_on_one_line_on_a_390_px_phone()
    {
        var ct = TestContext.Current.CancellationToken;
        const string title = "You're in: Advanced trail running technique with the coaching team";
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync(ct))
        {
            var member = await db.Members.SingleAsync(m => m.Email == DemoAccounts.Member.Email, ct);
            var now = DateTime.UtcNow;
            // Already read, so the bell other journeys watch keeps its count.
            db.Notifications.AddRange(
                new Notification
                {
                    MemberId = member.Id, Kind = NotificationKind.PromotedFromWaitlist, Title = title, Body = "A place opened up and it's yours.",
                    CreatedAt = now.AddMinutes(-5), ReadAt = now, SourceKey = "e2e-time:" + Guid.NewGuid().ToString("N"),
                },
                new Notification
                {
                    MemberId = member.Id, Kind = NotificationKind.EventTomorrow, Title = "Tomorrow: Saturday run club at Covent Garden",
                    Body = "See you there.", CreatedAt = now.AddDays(-3), ReadAt = now, SourceKey = "e2e-time:" + Guid.NewGuid().ToString("N"),
                });
            await db.SaveChangesAsync(ct);
        }
        var page = await browser.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");
        await page.GotoAsync("/me/notifications");
        await new Shell(page).WaitUntilInteractiveAsync();

        var item = page.Locator(".notification", new() { HasText = title });
        var time = item.Locator("time.notification-time");
        await Expect(time).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ min ago$"));
        var lines = await time.EvaluateAsync<double>("el => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)");
        Assert.True(lines < 1.5, $"the time takes {lines:0.0} lines");
        var titleBox = (await item.Locator(".notification-title").BoundingBoxAsync())!;
        var timeBox = (await time.BoundingBoxAsync())!;
        Assert.True(titleBox.X + titleBox.Width <= timeBox.X + 1, "the title runs under the time");
        Assert.True(titleBox.Width > 390 / 2, $"the title has only {titleBox.Width} px");
        await BrowserFixture.ScreenshotAsync(page, "notifications-phone");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/me/notifications");
    }
}
