using System.Text.RegularExpressions;
using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>Spenders vs senders, significance and members at risk on the demo data, in a real browser at 1366 px.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsAdvocacyTests(BrowserFixture browser)
{
    private const string Scatter = "Spend against advocacy, per member";
    private const string Trend = "How much would members miss us? Average score, 0 to 10";

    [Fact]
    public async Task Manager_sees_spenders_significance_and_members_at_risk_and_a_store_filter_changes_them()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Manager.Email);
        await page.WaitForURLAsync("**/manager");
        await page.GotoAsync("/manager/insights");
        await new Shell(page).WaitUntilInteractiveAsync();

        // 1. The scatter and the trend are drawn from the demo data; the quadrants are counted beside the scatter.
        var everyStore = await WaitForDataAsync(page, Scatter);
        await WaitForDataAsync(page, Trend);
        Assert.True(await InkedPixelsAsync(page, Scatter) > 500, "The spenders vs senders canvas looks blank.");
        Assert.True(await InkedPixelsAsync(page, Trend) > 500, "The significance canvas looks blank.");
        var champions = page.Locator("[data-testid=quadrant-champion]");
        await Expect(champions).ToHaveTextAsync(new Regex(@"^\s*[\d,]+"));
        var championsEverywhere = await champions.InnerTextAsync();
        // Both axes start at zero: no negative spend or advocacy for the eye to read.
        var minimums = await Canvas(page, Scatter).EvaluateAsync<double[]>(
            "c => { const s = window.Chart.getChart(c).scales; return [s.x.min, s.y.min]; }");
        Assert.Equal([0d, 0d], minimums);
        await page.GetByTestId("spenders-caption")
            .EvaluateAsync("s => window.scrollTo(0, s.getBoundingClientRect().top + window.scrollY - 120)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "insights-spenders-1366.png") });

        // 2. Members at risk: the demo's lapsed regulars, each linking to their page. The start-up run works the list
        //    out in the background; the open section shows it as soon as the run finishes.
        var rows = page.Locator("[data-testid=at-risk-table] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        Assert.Matches(@"^/manager/members/\d+$", await rows.First.Locator("a").GetAttributeAsync("href"));
        await Expect(page.Locator("[data-testid=at-risk-caption]")).ToContainTextAsync("recalculated nightly");
        var recalculate = page.Locator("[data-testid=at-risk-recalculate]");
        await recalculate.ClickAsync();
        await Expect(recalculate).ToHaveTextAsync("Recalculate now", new() { Timeout = 60_000 });
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        // The section's top just below the sticky app bar, for a look at the heading, caption and list.
        await page.Locator("[data-testid=at-risk-section]").EvaluateAsync("s => window.scrollTo(0, s.getBoundingClientRect().top + window.scrollY - 72)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "insights-at-risk-1366.png") });
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/manager/insights (advocacy, significance, at risk)");
        await BrowserFixture.ScreenshotAsync(page, "insights-advocacy-1366");

        // 3. One store: the scatter redraws with other members and the quadrant counts follow.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Store", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Leeds Trinity" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"[?&]store=\d+"));
        var oneStore = await WaitForDataAsync(page, Scatter, otherThan: everyStore);
        Assert.NotEqual(everyStore, oneStore);
        await Expect(champions).Not.ToHaveTextAsync(championsEverywhere);
        await Expect(page.Locator("[data-testid=at-risk-table], .empty-state:has-text(\"Nobody's activity\")").First).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/manager/insights?store (advocacy, significance, at risk)");
        await BrowserFixture.ScreenshotAsync(page, "insights-advocacy-store-1366");
    }

    private static ILocator Canvas(IPage page, string title) => page.GetByRole(AriaRole.Region, new() { Name = title }).Locator("canvas[role=img]");

    /// <summary>Waits until Chart.js holds data on the chart's canvas (different data, if given) and returns it as JSON.</summary>
    private static async Task<string> WaitForDataAsync(IPage page, string title, string? otherThan = null)
    {
        var canvas = Canvas(page, title);
        await Expect(canvas).ToBeVisibleAsync();
        var handle = await page.WaitForFunctionAsync(
            @"([canvas, previous]) => {
                const chart = window.Chart?.getChart(canvas);
                if (!chart || chart.data.datasets.length === 0) return null;
                const data = JSON.stringify(chart.data.datasets.map(d => d.data));
                return data !== previous ? data : null;
            }",
            new object?[] { await canvas.ElementHandleAsync(), otherThan });
        return await handle.JsonValueAsync<string>();
    }

    private static async Task<int> InkedPixelsAsync(IPage page, string title)
    {
        await page.WaitForTimeoutAsync(400); // Chart.js animates for 250 ms
        return await Canvas(page, title).EvaluateAsync<int>(
            @"c => {
                const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let inked = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) inked++;
                return inked;
            }");
    }
}
