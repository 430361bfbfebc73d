using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// A phone that loses its network for two minutes comes back to the same page: the server has long since freed the
/// disconnected circuit (kept whole for 60 s), so the page resumes from its persisted state, without a reload or an
/// error, and live updates arrive again. Its own app and browser, so its two quiet minutes run beside the others.
/// </summary>
[Collection(CircuitResumeCollection.Name)]
public sealed class CircuitResumeTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_member_page_offline_for_two_minutes_resumes_intact_and_live()
    {
        await using var network = new CuttableProxy(new Uri(browser.BaseUrl).Port);
        var member = await browser.NewPageAsync(390, 844);
        await new RegisterPage(member).JoinAsync("Rae Resume");
        var code = await member.Locator("strong", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^[A-Z0-9]{6,}$") }).First.InnerTextAsync();
        // The phone's own view of the portal goes through the network that will drop.
        await member.GotoAsync($"http://127.0.0.1:{network.Port}/me");
        await new Shell(member).WaitUntilInteractiveAsync();
        var ring = member.GetByRole(AriaRole.Progressbar, new() { Name = "Progress to Silver" });
        await Expect(ring).ToHaveAttributeAsync("aria-valuenow", "16");
        // Anything a reload would lose: if this survives, the page was never reloaded.
        await member.EvaluateAsync("() => { window.__sameDocument = true; }");

        network.Cut();
        var modal = member.Locator("#components-reconnect-modal");
        await Expect(modal).ToHaveAttributeAsync("open", "", new() { Timeout = 30_000 });
        await Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        network.Restore();

        // The browser retries every 30 s by now; its old circuit is gone, so it resumes a new one from the persisted state.
        await Expect(modal).Not.ToHaveAttributeAsync("open", "", new() { Timeout = 60_000 });
        Assert.True(await member.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The page was reloaded instead of resumed.");
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Hi Rae Resume", Level = 1 })).ToBeVisibleAsync();
        await Expect(ring).ToHaveAttributeAsync("aria-valuenow", "16");
        await BrowserFixture.ScreenshotAsync(member, "resume-after-two-minutes-phone");

        // Live again: a visit recorded at the counter moves the resumed page without a reload.
        var staff = await browser.NewPageAsync(1024, 768);
        await new LoginPage(staff).SignInAsync(DemoAccounts.Staff.Email);
        await staff.WaitForURLAsync("**/counter");
        await staff.GotoAsync($"/counter/members/{code}");
        await new Shell(staff).WaitUntilInteractiveAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Record a visit" }).ClickAsync();
        await Expect(staff.GetByText("Visit recorded for Rae Resume")).ToBeVisibleAsync();
        await Expect(ring).ToHaveAttributeAsync("aria-valuenow", "20", new() { Timeout = 3_000 });
        Assert.True(await member.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The page was reloaded instead of resumed.");
    }
}

[CollectionDefinition(Name)]
public sealed class CircuitResumeCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Circuit resume";
}
