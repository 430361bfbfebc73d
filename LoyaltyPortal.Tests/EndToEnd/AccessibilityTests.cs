using Deque.AxeCore.Playwright;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>axe finds nothing serious or critical on the public pages and each role's home.</summary>
[Collection(BrowserLookCollection.Name)]
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

    [Fact]
    public async Task Guidance_editor_new_and_existing_has_no_serious_accessibility_violations()
    {
        var ct = TestContext.Current.CancellationToken;
        int guidanceId;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync(ct))
        {
            // The seeded guidance has a picture, so its edit page also carries the crop sliders and preview.
            guidanceId = await db.Benefits.Where(b => b.Kind == BenefitKind.Guidance && db.BenefitImages.Any(i => i.BenefitId == b.Id)).Select(b => b.Id).FirstAsync(ct);
        }
        var page = await browser.NewPageAsync(1366, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Manager.Email);
        await page.WaitForURLAsync("**/manager");

        await page.GotoAsync("/manager/benefits/new/Guidance");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New guidance", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Weekly times (programme time)" })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertNoSeriousViolationsAsync(page, "the new guidance editor");
        await BrowserFixture.ScreenshotAsync(page, "manager-guidance-new-desktop");

        await page.GotoAsync($"/manager/benefits/{guidanceId}/edit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Edit "), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Weekly times (programme time)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Slider, new() { Name = "Zoom (%)" })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertNoSeriousViolationsAsync(page, "the guidance edit page");
        await BrowserFixture.ScreenshotAsync(page, "manager-guidance-edit-desktop");
    }

    internal static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found on {where}:\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}")));
    }
}
