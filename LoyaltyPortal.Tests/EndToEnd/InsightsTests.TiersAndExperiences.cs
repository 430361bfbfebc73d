using System.Text.RegularExpressions;
using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>The insights page's tier, experience performance and experience ROI sections over the demo data.</summary>
public sealed partial class InsightsTests
{
    [Fact]
    public async Task Manager_sees_tiers_experience_performance_and_roi_and_the_filters_change_them()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Manager.Email);
        await page.WaitForURLAsync("**/manager");
        await page.GotoAsync("/manager/insights");
        await new Shell(page).WaitUntilInteractiveAsync();

        // 1. Every chart of the three sections is drawn, over the last twelve weeks of demo data.
        var distribution = new ChartOnPage(page, "Members by tier today");
        var moves = new ChartOnPage(page, "Tier moves per month");
        var demand = new ChartOnPage(page, "Bookings and waitlist demand, top 10 experiences");
        var visits = new ChartOnPage(page, "Visits per member, 60 days before and after");
        var spend = new ChartOnPage(page, "Spend per member, 60 days before and after");
        var everyStore = await distribution.WaitForDataAsync();
        var everyTier = await moves.WaitForDataAsync();
        await demand.WaitForDataAsync();
        await visits.WaitForDataAsync();
        await spend.WaitForDataAsync();
        foreach (var chart in new[] { distribution, moves, demand, visits, spend })
        {
            Assert.True(await chart.InkedPixelsAsync() > 500, "A chart's canvas looks blank.");
        }
        await Expect(page.GetByTestId("experience-table").Locator("tbody tr").First).ToBeVisibleAsync();
        // Either a difference with its 95% interval, or no claim and why: the demo's numbers decide which.
        await Expect(page.GetByTestId("roi-summary")).ToContainTextAsync(new Regex("95% interval|too few to draw a conclusion"));
        await page.GetByTestId("roi-summary").EvaluateAsync("s => window.scrollTo(0, s.getBoundingClientRect().top + window.scrollY - 72)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "insights-roi-1366.png") });

        // 2. A tier: movement shows only moves into or out of it.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Tier", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Gold" }).ClickAsync();
        await page.WaitForURLAsync("**tier=*");
        Assert.NotEqual(everyTier, await moves.WaitForDataAsync(otherThan: everyTier));

        // 3. A store: the distribution counts that store's members only.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Store", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Leeds Trinity" }).ClickAsync();
        await page.WaitForURLAsync("**store=*");
        Assert.NotEqual(everyStore, await distribution.WaitForDataAsync(otherThan: everyStore));
        await visits.WaitForDataAsync();

        // 4. No serious accessibility problems, in light and dark mode.
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/manager/insights (tiers and experiences)");
        await BrowserFixture.ScreenshotAsync(page, "insights-tiers-experiences-light");
        await new Shell(page).ThemeToggle.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('meta[name=color-scheme]')?.content === 'dark'");
        await page.Mouse.MoveAsync(700, 850);
        await page.WaitForTimeoutAsync(500);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/manager/insights (tiers and experiences, dark)");
        await BrowserFixture.ScreenshotAsync(page, "insights-tiers-experiences-dark");
    }
}
