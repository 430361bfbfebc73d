using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>What the walk through every role found in the look: a focus ring the keyboard can see, figures that fit.</summary>
[Collection(BrowserLookCollection.Name)]
public sealed class FocusAndFitTests(BrowserFixture browser)
{
    // What the focused element shows: a text field marks focus with its own border; everything else needs a ring of
    // at least 2 px. A check box or radio hides its input: the ring is on its label (the pulse's steps) or on the
    // round button around it (MudBlazor's).
    private const string FocusShown = """
        () => {
            const el = document.activeElement;
            if (!el || el === document.body) return 'none';
            const box = el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio');
            if (!box && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) return 'text';
            const shown = box ? (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.parentElement : el;
            const style = getComputedStyle(shown);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? 'ring' : el.outerHTML.slice(0, 160);
        }
        """;

    [Theory]
    [InlineData("staff", 1024, 768)]
    [InlineData("member", 390, 844)]
    [InlineData("manager", 1366, 900)]
    public async Task Every_control_the_keyboard_reaches_shows_a_visible_focus_ring(string role, int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        var account = role switch { "staff" => DemoAccounts.Staff, "member" => DemoAccounts.Member, _ => DemoAccounts.Manager };
        await new LoginPage(page).SignInAsync(account.Email);
        await page.WaitForURLAsync(role switch { "staff" => "**/counter", "member" => "**/me", _ => "**/manager" });
        await new Shell(page).WaitUntilInteractiveAsync();

        var rings = 0;
        for (var i = 0; i < 25; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var shown = await page.EvaluateAsync<string>(FocusShown);
            Assert.True(shown is "ring" or "text" or "none", $"{role}: focus is not visible on {shown}");
            if (shown == "ring") rings++;
        }
        Assert.True(rings >= 5, $"{role}: only {rings} focus rings seen in 25 tabs");
        await BrowserFixture.ScreenshotAsync(page, $"focus-ring-{role}");
    }

    [Fact]
    public async Task A_long_spend_figure_fits_its_card_on_a_tablet_beside_the_drawer()
    {
        var page = await browser.NewPageAsync(1024, 768);
        await new LoginPage(page).SignInAsync(DemoAccounts.Staff.Email);
        await page.WaitForURLAsync("**/counter");
        var spend = page.Locator(".stat-card", new() { HasText = "Spend today" });
        await Expect(spend).ToBeVisibleAsync();

        // A busy store's day: the longest figure the card is likely to hold.
        await spend.Locator(".stat-card-value").EvaluateAsync("el => el.textContent = '£1,234,567.89'");

        var overflowing = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.stat-card')].filter(c => c.scrollWidth > c.clientWidth).map(c => c.innerText)");
        Assert.Empty(overflowing);
        await BrowserFixture.ScreenshotAsync(page, "counter-long-spend-tablet");
    }
}
