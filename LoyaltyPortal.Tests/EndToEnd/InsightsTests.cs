using System.Text.RegularExpressions;
using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>The manager's insights page in a real browser: Chart.js draws, a filter redraws, the table view reads the same data.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class InsightsTests(BrowserFixture browser)
{
    [Fact]
    public async Task Manager_sees_weekly_engagement_filters_it_by_store_and_reads_it_as_a_table()
    {
        var page = await browser.NewPageAsync(1440, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Manager.Email);
        await page.WaitForURLAsync("**/manager");
        await new Shell(page).WaitUntilInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Insights" }).ClickAsync();
        await page.WaitForURLAsync("**/manager/insights");
        await new Shell(page).WaitUntilInteractiveAsync();

        // 1. Both charts are drawn on their canvases, with twelve weeks of data.
        var active = new ChartOnPage(page, "Weekly active members");
        var byType = new ChartOnPage(page, "Activities by type");
        var everyStore = await active.WaitForDataAsync();
        await byType.WaitForDataAsync();
        Assert.Equal(12, await active.LabelCountAsync());
        Assert.True(await active.InkedPixelsAsync() > 500, "The active members canvas looks blank.");
        Assert.True(await byType.InkedPixelsAsync() > 500, "The activities canvas looks blank.");

        // 2. One store: the URL carries the filter, and the same chart shows different numbers.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Store", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Leeds Trinity" }).ClickAsync();
        await page.WaitForURLAsync(StoreInQuery());
        var oneStore = await active.WaitForDataAsync(otherThan: everyStore);
        Assert.NotEqual(everyStore, oneStore);

        // 3. The table views list one row per week; the wide one scrolls and can take focus to do so.
        await active.Region.GetByRole(AriaRole.Button, new() { Name = "Show as table" }).ClickAsync();
        await Expect(active.Region.Locator("table caption")).ToHaveTextAsync("Weekly active members");
        await Expect(active.Region.Locator("tbody tr")).ToHaveCountAsync(12);
        await Expect(active.Region.Locator("canvas")).ToBeHiddenAsync();
        await byType.Region.GetByRole(AriaRole.Button, new() { Name = "Show as table" }).ClickAsync();
        await Expect(byType.Region.Locator("tbody tr")).ToHaveCountAsync(12);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/manager/insights (tables)");
        await active.Region.GetByRole(AriaRole.Button, new() { Name = "Show as table" }).ClickAsync();
        await byType.Region.GetByRole(AriaRole.Button, new() { Name = "Show as table" }).ClickAsync();
        await Expect(byType.Region.Locator("canvas")).ToBeVisibleAsync();

        // 4. The CSV download carries the same weeks, named after the chart and the dates.
        var download = await page.RunAndWaitForDownloadAsync(() => active.Region.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        Assert.Matches(@"^weekly-active-members-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal("Week starting,Active members", csv[0]);
        Assert.Equal(13, csv.Length);

        // 5. No serious accessibility problems, in light and dark mode.
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/manager/insights");
        await BrowserFixture.ScreenshotAsync(page, "insights-light");
        await new Shell(page).ThemeToggle.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('meta[name=color-scheme]')?.content === 'dark'");
        await page.Mouse.MoveAsync(700, 850); // away from the toggle, so its tooltip closes
        await page.WaitForTimeoutAsync(500); // Chart.js animates the colour change for 250 ms
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/manager/insights (dark)");
        await BrowserFixture.ScreenshotAsync(page, "insights-dark");
    }

    [Fact]
    public async Task A_shared_link_with_bad_values_opens_with_the_defaults()
    {
        var page = await browser.NewPageAsync(1440, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Manager.Email);
        await page.WaitForURLAsync("**/manager");

        await page.GotoAsync("/manager/insights?store=abc&tier=-4&from=2026-99-01&to=yesterday");
        await new Shell(page).WaitUntilInteractiveAsync();

        var active = new ChartOnPage(page, "Weekly active members");
        await active.WaitForDataAsync();
        Assert.Equal(12, await active.LabelCountAsync());
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Store", Exact = true })).ToHaveTextAsync("All stores");
    }

    [GeneratedRegex(@"[?&]store=\d+")]
    private static partial Regex StoreInQuery();

    /// <summary>One Chart component on the page: its region, canvas, and the Chart.js instance drawn on it.</summary>
    private sealed class ChartOnPage(IPage page, string title)
    {
        public ILocator Region => page.GetByRole(AriaRole.Region, new() { Name = title });
        private ILocator Canvas => Region.Locator("canvas[role=img]");

        /// <summary>Waits until Chart.js holds data on the canvas (and, if given, different data), and returns it as JSON.</summary>
        public async Task<string> WaitForDataAsync(string? otherThan = null)
        {
            await Expect(Canvas).ToBeVisibleAsync();
            var handle = await page.WaitForFunctionAsync(
                @"([canvas, previous]) => {
                    const chart = window.Chart?.getChart(canvas);
                    if (!chart || chart.data.datasets.length === 0) return null;
                    const data = JSON.stringify(chart.data.datasets.map(d => d.data));
                    return data !== previous ? data : null;
                }",
                new object?[] { await Canvas.ElementHandleAsync(), otherThan });
            return await handle.JsonValueAsync<string>();
        }

        public async Task<int> LabelCountAsync() => await Canvas.EvaluateAsync<int>("c => Chart.getChart(c).data.labels.length");

        /// <summary>Pixels Chart.js has painted: a canvas left blank has none.</summary>
        public async Task<int> InkedPixelsAsync() => await Canvas.EvaluateAsync<int>(
            @"c => {
                const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let inked = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) inked++;
                return inked;
            }");
    }
}
