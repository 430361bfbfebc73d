using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// Every page of each role at a phone, a tablet and a desktop width: it loads with its heading, nothing is wider than
/// the screen, and axe finds nothing serious or critical in the phone and the desktop layout. The screenshots
/// (tour-role-width-page) are what a reviewer looks at.
/// </summary>
[Collection(BrowserLookCollection.Name)]
public sealed class RoleTourTests(BrowserFixture browser)
{
    private static readonly string[] ManagerPages =
    [
        "/manager", "/manager/members", "/manager/benefits", "/manager/benefits/new/Event", "/manager/insights",
        "/manager/feedback", "/manager/progress", "/manager/referrals", "/manager/staff", "/manager/audit", "/manager/api-keys", "/manager/webhooks", "/manager/jobs", "/Account/Manage",
    ];

    private static readonly string[] StaffPages = ["/counter", "/staff/events", "/staff/sessions", "/staff/trials", "/Account/Manage"];

    private static readonly string[] MemberPages =
    [
        "/me", "/me/benefits", "/me/bookings", "/me/pass", "/me/notifications", "/me/invite", "/me/profile",
        "/me/progress/why", "/me/you-said-we-did", "/Account/Manage",
    ];

    public static TheoryData<string, int> Tours => new()
    {
        { Roles.Manager, 1366 }, { Roles.Manager, 1024 }, { Roles.Manager, 390 },
        { Roles.Staff, 1024 }, { Roles.Staff, 1366 }, { Roles.Staff, 390 },
        { Roles.Member, 390 }, { Roles.Member, 1024 }, { Roles.Member, 1366 },
    };

    // axe reads the document, and the app renders the same markup at every width (no viewport-dependent components):
    // only CSS differs. 1024 and 1366 px are both past the breakpoint where the drawer docks, so axe scans the phone
    // layout and the docked one once each; every width is still checked for fit and photographed.
    private static readonly int[] AxeWidths = [390, 1366];

    // What sticks out past the right edge of the screen, if anything: a page that scrolls sideways on a phone is broken.
    private const string WiderThanScreen = """
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width + 1) return null;
            const culprit = [...document.querySelectorAll('body *')].find(e => e.getBoundingClientRect().right > width + 1);
            return culprit ? culprit.outerHTML.slice(0, 160) : 'the page';
        }
        """;

    [Theory, MemberData(nameof(Tours))]
    public async Task Every_page_of_the_role_fits_the_screen_and_passes_axe(string role, int width)
    {
        var detail = await DetailPagesAsync();
        (DemoAccount account, string[] pages) = role switch
        {
            Roles.Manager => (DemoAccounts.Manager, ManagerPages.Concat(detail.Manager).ToArray()),
            Roles.Staff => (DemoAccounts.Staff, StaffPages.Concat(detail.Staff).ToArray()),
            _ => (DemoAccounts.Member, MemberPages.Concat(detail.Member).ToArray()),
        };
        var page = await browser.NewPageAsync(width, width < 600 ? 844 : 900);
        await new LoginPage(page).SignInAsync(account.Email);
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        var problems = new List<string>();
        foreach (var path in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{role} {path}: HTTP {response?.Status}");
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // The head outlet swaps the prerendered title for the live one as the circuit starts; judge the settled page.
            await page.WaitForFunctionAsync("() => document.title.length > 0");

            if (await page.EvaluateAsync<string?>(WiderThanScreen) is { } wide) problems.Add($"{path} at {width} px is wider than the screen: {wide}");
            try
            {
                if (AxeWidths.Contains(width)) await AccessibilityTests.AssertNoSeriousViolationsAsync(page, $"{path} at {width} px");
            }
            catch (Exception failure) when (failure is Xunit.Sdk.XunitException)
            {
                problems.Add(failure.Message);
            }
            await BrowserFixture.ScreenshotAsync(page, $"tour-{role.ToLowerInvariant()}-{width}{path.Replace('/', '-').ToLowerInvariant()}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The pages behind a list, for the demo member and one published benefit of each kind.</summary>
    private async Task<(string[] Manager, string[] Staff, string[] Member)> DetailPagesAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(ct);
        var memberId = await db.Members.Where(m => m.MemberCode == "DEMO2026").Select(m => m.Id).SingleAsync(ct);
        var benefits = await db.Benefits.Where(b => b.Status == BenefitStatus.Published)
            .GroupBy(b => b.Kind).Select(g => g.Min(b => b.Id)).ToListAsync(ct);
        Assert.NotEmpty(benefits);
        return (
            [$"/manager/members/{memberId}", $"/manager/benefits/{benefits[0]}", $"/manager/benefits/{benefits[0]}/edit"],
            ["/counter/members/DEMO2026"],
            [.. benefits.Select(id => $"/me/benefits/{id}")]);
    }
}
