using System.Text.RegularExpressions;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// The member's journey in German on a phone (sign-in, My progress, For you, a booking and My pass), and each role's
/// other pages in German at that role's screen size.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class GermanJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_German_browser_gets_the_German_sign_in_page()
    {
        var page = await browser.NewPageAsync(390, 844, locale: "de-DE");

        await new LoginPage(page).OpenAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mit einem Passkey anmelden" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/Account/Login (de)");
        await NoHorizontalOverflowAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "german-sign-in-390");
    }

    [Fact]
    public async Task German_member_journey_on_a_phone_where_switching_language_keeps_the_page()
    {
        var page = await browser.NewPageAsync(390, 844);
        await new RegisterPage(page).JoinAsync("Greta Sommer");

        // The switch in the app bar: the same page again, now in German.
        await page.Locator("form.language-switch button[value=de]").ClickAsync();
        await page.WaitForURLAsync("**/me");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hallo Greta Sommer", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Ihre Stufe")).ToBeVisibleAsync();
        await new Shell(page).WaitUntilInteractiveAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/me (de)");
        await NoHorizontalOverflowAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "german-my-progress-390");

        await page.GotoAsync("/me/benefits");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Für Sie", Level = 1 })).ToBeVisibleAsync();
        await new Shell(page).WaitUntilInteractiveAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/me/benefits (de)");
        await NoHorizontalOverflowAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "german-for-you-390");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = BookButton() }).First.ClickAsync();
        await Expect(page.Locator(".mud-snackbar-content-message")).ToHaveTextAsync(BookedMessage());
        await BrowserFixture.ScreenshotAsync(page, "german-booked-390");

        await page.GotoAsync("/me/pass");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mein Ausweis", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".pass-code")).ToHaveTextAsync(new Regex("^Mitgliedscode [A-Z0-9]+$"));
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/me/pass (de)");
        await NoHorizontalOverflowAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "german-pass-390");

        // Back to English by the same switch, on the same page.
        await page.Locator("form.language-switch button[value=en]").ClickAsync();
        await page.WaitForURLAsync("**/me/pass");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My pass", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Each role's pages in German at the size that role uses: staff on a tablet, managers on a desktop, members on a phone.</summary>
    public static TheoryData<string, string, int> GermanPages() => new()
    {
        { Roles.Staff, "/counter", 1024 },
        { Roles.Staff, "/counter/members/DEMO2026", 1024 },
        { Roles.Staff, "/staff/events", 1024 },
        { Roles.Staff, "/staff/trials", 1024 },
        { Roles.Manager, "/manager", 1366 },
        { Roles.Manager, "/manager/insights", 1366 },
        { Roles.Manager, "/manager/members", 1366 },
        { Roles.Manager, "/manager/benefits/new/event", 1366 },
        { Roles.Manager, "/manager/progress?tab=achievements", 1366 },
        { Roles.Manager, "/manager/members/import", 1366 },
        { Roles.Member, "/me/profile", 390 },
        { Roles.Member, "/me/invite", 390 },
        { Roles.Member, "/me/notifications", 390 },
        { Roles.Member, "/me/progress/why", 390 },
    };

    [Theory]
    [MemberData(nameof(GermanPages))]
    public async Task German_page_fits_its_roles_screen_and_passes_axe(string role, string path, int width)
    {
        var page = await browser.NewPageAsync(width, width == 390 ? 844 : 800, locale: "de-DE");
        // The German sign-in page's button says "Anmelden": Enter in the password field sends the form in any language.
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", DemoAccounts.Primary.Single(a => a.Role == role).Email);
        await page.FillAsync("#Input\\.Password", DemoAccounts.Password);
        await page.PressAsync("#Input\\.Password", "Enter");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        await page.GotoAsync(path);
        await new Shell(page).WaitUntilInteractiveAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, $"{path} (de)");
        await NoHorizontalOverflowAsync(page);
        var name = string.Concat(path.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-'));
        await BrowserFixture.ScreenshotAsync(page, $"german-{name}-{width}");
    }

    private static async Task NoHorizontalOverflowAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the screen at {page.Url}");
    }

    [GeneratedRegex("^(Buchen|Reservieren|Auf die Warteliste): ")]
    private static partial Regex BookButton();

    [GeneratedRegex("^(Sie sind (für .* )?gebucht|Sie stehen auf der Warteliste)")]
    private static partial Regex BookedMessage();
}
