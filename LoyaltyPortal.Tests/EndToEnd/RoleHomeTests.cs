using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>Each role signs in, lands on its own home and sees only its own navigation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleHomeTests(BrowserFixture browser)
{
    private static readonly string[] AccountLinks = ["Account settings"];
    private static readonly string[] ExperienceLinks = ["Today's events", "Trials", "Guidance sessions"];

    [Fact]
    public async Task Manager_lands_on_the_dashboard_with_manager_navigation_only()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Manager.Email);

        await page.WaitForURLAsync("**/manager");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programme dashboard" })).ToBeVisibleAsync();
        Assert.Equal(["Dashboard", "Insights", "Members", "Referrals", "Benefits", "Feedback", "Progress rules", "Staff accounts", "Card views", "Till API keys", "Webhooks", "Background jobs", .. ExperienceLinks, .. AccountLinks], await new Shell(page).NavLinkTextsAsync());
        await BrowserFixture.ScreenshotAsync(page, "manager-home-desktop");
    }

    [Fact]
    public async Task Staff_land_on_the_counter_with_store_navigation_only()
    {
        var page = await browser.NewPageAsync(1024, 768);
        await new LoginPage(page).SignInAsync(DemoAccounts.Staff.Email);

        await page.WaitForURLAsync("**/counter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Covent Garden counter" })).ToBeVisibleAsync();
        Assert.Equal(["Counter", .. ExperienceLinks, .. AccountLinks], await new Shell(page).NavLinkTextsAsync());
        await BrowserFixture.ScreenshotAsync(page, "staff-home-tablet");
    }

    [Fact]
    public async Task Member_lands_on_my_progress_with_member_navigation_only_on_a_phone()
    {
        var page = await browser.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);

        await page.WaitForURLAsync("**/me");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hi Alex Morgan" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "member-home-phone");

        var shell = new Shell(page);
        await shell.OpenDrawerOnPhoneAsync();
        Assert.Equal(["My progress", "My pass", "For you", "My bookings", "You said, we did", "Invite friends", "Notifications", "My profile", .. AccountLinks], await shell.NavLinkTextsAsync());
        await BrowserFixture.ScreenshotAsync(page, "member-navigation-phone");
    }

    [Fact]
    public async Task Member_at_phone_width_has_no_horizontal_overflow()
    {
        var page = await browser.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");

        foreach (var path in new[] { "/me", "/me/profile" })
        {
            await page.GotoAsync(path);
            await new Shell(page).WaitUntilInteractiveAsync();
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 390px phone.");
        }
        await BrowserFixture.ScreenshotAsync(page, "member-profile-phone");
    }
}
