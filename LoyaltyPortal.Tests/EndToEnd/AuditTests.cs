using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>A manager reads who opened which member's card, and narrows it to one store.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_manager_reads_card_views_and_filters_them_by_store()
    {
        await SeedViewsAsync();
        var page = await browser.NewPageAsync(1440, 900);
        await new LoginPage(page).SignInAsync(DemoAccounts.Manager.Email);
        await page.WaitForURLAsync("**/manager");
        await new Shell(page).WaitUntilInteractiveAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Card views" }).ClickAsync();
        await page.WaitForURLAsync("**/manager/audit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Card views", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Views older than 730 days are deleted each night.")).ToBeVisibleAsync();
        var stores = page.Locator("td[data-label='Store']");
        await Expect(stores.Filter(new() { HasText = "Covent Garden" }).First).ToBeVisibleAsync();

        await page.Locator(".mud-input-control.mud-select", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Store") }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Manchester Arndale" }).ClickAsync();

        await Expect(stores.Filter(new() { HasText = "Covent Garden" })).ToHaveCountAsync(0);
        var tom = page.Locator("tr", new() { HasText = "Tom Fletcher" }).First;
        await Expect(tom).ToContainTextAsync("Alex Morgan");
        await Expect(tom.GetByRole(AriaRole.Link, new() { Name = "Alex Morgan" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/manager/members/\\d+$"));
        await page.Keyboard.PressAsync("Escape");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/manager/audit (one store)");
        await BrowserFixture.ScreenshotAsync(page, "audit");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Member", Exact = true }).FillAsync("nobody-matches-this");
        await Expect(page.GetByText("No card views match these filters")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/manager/audit (empty)");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "From", Exact = true }).FillAsync("20/11/2026");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "From", Exact = true }).PressAsync("Tab");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "To", Exact = true }).FillAsync("19/11/2026");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "To", Exact = true }).PressAsync("Tab");
        await Expect(page.GetByText("The start date is after the end date.")).ToBeVisibleAsync();
    }

    /// <summary>Views of the demo member by staff at two stores, written straight to the app's database.</summary>
    private async Task SeedViewsAsync()
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var member = await db.Members.Where(m => m.MemberCode == "DEMO2026").Select(m => m.Id).SingleAsync(TestContext.Current.CancellationToken);
        var stores = await db.Stores.ToDictionaryAsync(s => s.Name, s => s.Id, TestContext.Current.CancellationToken);
        var now = DateTime.UtcNow;
        db.CardViews.AddRange(
            new CardView { MemberId = member, StaffUserId = "seed-sam", StaffName = DemoAccounts.Staff.Name, StoreId = stores["Covent Garden"], ViewedAt = now.AddMinutes(-3) },
            new CardView { MemberId = member, StaffUserId = "seed-priya", StaffName = "Priya Shah", StoreId = stores["Covent Garden"], ViewedAt = now.AddHours(-2) },
            new CardView { MemberId = member, StaffUserId = "seed-tom", StaffName = "Tom Fletcher", StoreId = stores["Manchester Arndale"], ViewedAt = now.AddMinutes(-20) },
            new CardView { MemberId = member, StaffUserId = "seed-chloe", StaffName = "Chloe Burns", StoreId = stores["Manchester Arndale"], ViewedAt = now.AddDays(-1) });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
