using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// The static Identity pages in the MudBlazor look, on a phone and a laptop: screenshots to look at, axe for
/// serious problems, and the measurable parts of the look (card width, 44 px inputs, no sideways scrolling).
/// </summary>
[Collection(BrowserLookCollection.Name)]
public sealed class AccountPagesLookTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/Account/Login", 390, "sign-in-phone")]
    [InlineData("/Account/Login", 1366, "sign-in-desktop")]
    [InlineData("/Account/Register", 390, "join-phone")]
    public async Task Public_account_page_is_a_centred_card_that_fits(string path, int width, string shot)
    {
        var page = await browser.NewPageAsync(width, 900);
        await page.GotoAsync(path);

        var card = await page.Locator(".account-card").BoundingBoxAsync();
        Assert.NotNull(card);
        Assert.InRange(card.Width, 300, 440);
        Assert.InRange(Math.Abs(card.X + card.Width / 2 - width / 2.0), 0, 10);
        await AssertFitsAsync(page, width);
        await BrowserFixture.ScreenshotAsync(page, "account-" + shot);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, $"{path} at {width}px");
    }

    [Theory]
    [InlineData(390, "manage-phone")]
    [InlineData(1366, "manage-desktop")]
    public async Task Account_settings_put_the_section_list_beside_the_form_on_desktop_and_above_it_on_a_phone(int width, string shot)
    {
        var page = await browser.NewPageAsync(width, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");
        await page.GotoAsync("/Account/Manage");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Manage your account" })).ToBeVisibleAsync();

        var nav = (await page.Locator("nav.account-nav").BoundingBoxAsync())!;
        var form = (await page.Locator(".account-manage-content").BoundingBoxAsync())!;
        if (width >= 960) Assert.True(nav.X + nav.Width <= form.X && nav.Y <= form.Y + 1, "the section list should sit beside the form");
        else Assert.True(nav.Y + nav.Height <= form.Y, "the section list should sit above the form");
        await Expect(page.Locator("nav.account-nav a.mud-nav-link.active")).ToHaveTextAsync("Profile");
        await AssertFitsAsync(page, width);
        await BrowserFixture.ScreenshotAsync(page, "account-" + shot);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, $"/Account/Manage at {width}px");

        foreach (var section in new[] { "Email", "Passkeys", "TwoFactorAuthentication" })
        {
            await page.GotoAsync("/Account/Manage/" + section);
            await AssertFitsAsync(page, width);
            await BrowserFixture.ScreenshotAsync(page, $"account-{shot}-{section.ToLowerInvariant()}");
            await AccessibilityTests.AssertNoSeriousViolationsAsync(page, $"/Account/Manage/{section} at {width}px");
        }
    }

    /// <summary>No sideways scrolling, and every field and button is at least 44 px tall (WCAG 2.5.8 and thumbs).</summary>
    private static async Task AssertFitsAsync(IPage page, int width)
    {
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        var small = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.account-input, .account-surface button[type=submit]')]" +
            ".filter(e => e.offsetParent && e.getBoundingClientRect().height < 44).map(e => e.id || e.textContent.trim())");
        Assert.True(small.Length == 0, $"Under 44 px tall at {width}px: {string.Join(", ", small)}");
    }
}
