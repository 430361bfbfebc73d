using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>Someone enrolled at the counter opens their emailed link on a phone and gets their online account.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClaimJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_claim_link_on_a_phone_sets_a_password_and_opens_my_progress()
    {
        var url = await EnrolledLinkAsync("Cleo Counter");
        var page = await browser.NewPageAsync(390, 844);

        await page.GotoAsync(url);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Claim your online account" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Choose a password to finish setting up your online account, Cleo Counter.")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "/Account/Claim");
        await BrowserFixture.ScreenshotAsync(page, "claim-390");

        await page.FillAsync("#Input\\.Password", "Claimed#2026");
        await page.FillAsync("#Input\\.ConfirmPassword", "Claimed#2026");
        await page.ClickAsync("button[type=submit]:has-text('Create my online account')");
        await page.WaitForURLAsync("**/me");
        await new Shell(page).WaitUntilInteractiveAsync();

        await page.GotoAsync(url);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This membership already has an online account.");
    }

    /// <summary>A member without a login, as the counter enrols one, and the link their email would carry.</summary>
    private async Task<string> EnrolledLinkAsync(string name)
    {
        var email = $"claim.{Guid.NewGuid():N}@example.com";
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var member = new Member { MemberCode = MemberRules.NewMemberCode(), PreferredName = name, Email = email, JoinedAt = DateTime.UtcNow };
        MemberSearchForms.Apply(member);
        db.Members.Add(member);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return "/Account/Claim?token=" + Uri.EscapeDataString(browser.App.Services.GetRequiredService<ClaimTokens>().Create(member.Id, email));
    }
}
