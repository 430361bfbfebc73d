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

    // Every page (HTML) and every /me address held in any of the worker's caches, as paths.
    private const string CachedPersonalPaths = """
        async () => {
            const found = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    const path = new URL(request.url).pathname;
                    const type = (await cache.match(request))?.headers.get("Content-Type") ?? "";
                    if (type.startsWith("text/html") || path === "/me" || path.startsWith("/me/")) found.push(path);
                }
            }
            return found;
        }
        """;

    [Fact]
    public async Task After_visiting_my_pages_only_the_pass_is_cached_and_my_home_offline_shows_the_offline_page()
    {
        var page = await browser.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync(DemoAccounts.Member.Email);
        await page.WaitForURLAsync("**/me");
        // The worker must be active before the personal pages load, so each of them goes through it.
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        foreach (var path in new[] { "/me", "/me/profile", "/me/bookings" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        }
        Assert.True(await page.EvaluateAsync<bool>("() => !!navigator.serviceWorker.controller"));
        await page.GotoAsync("/me/pass");
        await new Shell(page).WaitUntilInteractiveAsync();
        await page.WaitForFunctionAsync(PassSaved);

        var cached = await page.EvaluateAsync<string[]>(CachedPersonalPaths);
        Assert.Equal(["/me/pass", "/offline.html"], cached.Order(StringComparer.Ordinal));

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/me");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're offline" })).ToBeVisibleAsync();
        var shown = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain(DemoAccounts.Member.Name, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("DEMO2026", shown, StringComparison.Ordinal);
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
