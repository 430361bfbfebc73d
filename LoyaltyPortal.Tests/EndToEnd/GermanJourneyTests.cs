using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>The member's journey in German on a phone: sign-in, My progress, For you, a booking and My pass.</summary>
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

    private static async Task NoHorizontalOverflowAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the phone at {page.Url}");
    }

    [GeneratedRegex("^(Buchen|Reservieren|Auf die Warteliste): ")]
    private static partial Regex BookButton();

    [GeneratedRegex("^(Sie sind (für .* )?gebucht|Sie stehen auf der Warteliste)")]
    private static partial Regex BookedMessage();
}
