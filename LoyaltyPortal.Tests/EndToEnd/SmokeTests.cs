using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;

namespace LoyaltyPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Manager_logs_in_and_lands_on_dashboard()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", DemoAccounts.Manager.Email);
        await page.FillAsync("#Input\\.Password", DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/manager");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programme dashboard" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "smoke-manager");
    }
}
