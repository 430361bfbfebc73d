using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>The installable app offline: My pass, once shown, still opens with its code; any other page shows the offline page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineTests(BrowserFixture browser)
{
    private const string PassSaved = "async () => !!(await caches.match('/me/pass'))";

    [Fact]
    public async Task After_my_pass_was_shown_once_it_opens_offline_and_other_pages_show_the_offline_page()
    {
        var page = await browser.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");
        await page.GotoAsync("/me/pass");
        await new Shell(page).WaitUntilInteractiveAsync();
        await page.WaitForFunctionAsync(PassSaved);

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/me/pass");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My pass", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".pass-code")).ToHaveTextAsync("Member code DEMO2026");
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("QR code of your pass") })).ToBeVisibleAsync();
        await Expect(page.GetByText("You're offline. This is your pass as saved")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reset my pass" })).ToBeHiddenAsync();
        await BrowserFixture.ScreenshotAsync(page, "pass-offline-phone");

        await page.GotoAsync("/me/no-such-page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're offline" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "offline page");
        await BrowserFixture.ScreenshotAsync(page, "offline-page-phone");
    }

    [Fact]
    public async Task Signing_out_forgets_the_saved_pass()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");
        await page.GotoAsync("/me/pass");
        await new Shell(page).WaitUntilInteractiveAsync();
        await page.WaitForFunctionAsync(PassSaved);

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        Assert.False(await page.EvaluateAsync<bool>(PassSaved));
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/me/pass");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're offline" })).ToBeVisibleAsync();
    }
}
