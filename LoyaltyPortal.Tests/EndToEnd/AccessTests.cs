using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>Typing a URL is no way round the roles.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/manager")]
    [InlineData("/manager/members")]
    [InlineData("/manager/staff")]
    [InlineData("/manager/progress")]
    public async Task Member_typing_a_manager_url_gets_access_denied(string path)
    {
        var page = await browser.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Programme dashboard")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "member-denied" + path.Replace('/', '-'));
    }

    [Fact]
    public async Task Member_following_an_in_app_link_to_a_manager_page_gets_access_denied()
    {
        var page = await browser.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");
        await new Shell(page).WaitUntilInteractiveAsync();

        // Client-side navigation stays in the circuit, where the router (not the server) decides.
        await page.EvaluateAsync("Blazor.navigateTo('/manager/members')");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/manager/staff")]
    [InlineData("/manager/progress")]
    public async Task Staff_typing_a_manager_setup_url_gets_access_denied(string path)
    {
        var page = await browser.NewPageAsync(1024, 768);
        await new LoginPage(page).SignInAsync(DemoAccounts.Staff.Email);
        await page.WaitForURLAsync("**/counter");

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Anonymous_visitor_to_my_progress_is_sent_to_sign_in()
    {
        var page = await browser.NewPageAsync(390, 844);

        await page.GotoAsync("/me");

        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }
}
