using Deque.AxeCore.Playwright;
using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>axe finds nothing serious or critical on the public pages and each role's home.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    [InlineData("/")]
    public async Task Public_page_has_no_serious_accessibility_violations(string path)
    {
        var page = await browser.NewPageAsync(1366, 900);
        await page.GotoAsync(path);

        await AssertNoSeriousViolationsAsync(page, path);
        await BrowserFixture.ScreenshotAsync(page, "public" + (path == "/" ? "-home" : path.Replace('/', '-').ToLowerInvariant()) + "-desktop");
    }

    [Theory]
    [InlineData("manager@loyaltyportal.test", "**/manager", 1366)]
    [InlineData("staff@loyaltyportal.test", "**/counter", 1024)]
    [InlineData("member@loyaltyportal.test", "**/me", 390)]
    public async Task Role_home_has_no_serious_accessibility_violations(string email, string home, int width)
    {
        var page = await browser.NewPageAsync(width, 900);
        await new LoginPage(page).SignInAsync(email);
        await page.WaitForURLAsync(home);
        await new Shell(page).WaitUntilInteractiveAsync();

        await AssertNoSeriousViolationsAsync(page, home);
    }

    [Fact]
    public async Task Member_home_in_dark_mode_has_no_serious_accessibility_violations()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.Context.AddCookiesAsync([new Cookie { Name = "lp-theme", Value = "dark", Url = browser.BaseUrl }]);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");
        await new Shell(page).WaitUntilInteractiveAsync();

        await AssertNoSeriousViolationsAsync(page, "/me (dark)");
        await BrowserFixture.ScreenshotAsync(page, "member-home-dark-phone");
    }

    internal static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found on {where}:\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}")));
    }
}
