using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>A friend follows the demo member's invite link and joins; staff enrol someone with a code; the manager sees both in the chain.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReferralJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_friend_joins_through_the_invite_link_and_staff_enrol_another_with_the_code()
    {
        // 1. The demo member's invite page, on a phone: their code, their link, the friends they brought in.
        var member = await browser.NewPageAsync(390, 844);
        await new LoginPage(member).SignInAsync(DemoAccounts.Member.Email);
        await member.WaitForURLAsync("**/me");
        await member.GotoAsync("/me/invite");
        await new Shell(member).WaitUntilInteractiveAsync();
        var code = (await member.GetByTestId("referral-code").TextContentAsync())!.Trim();
        var link = (await member.GetByTestId("referral-link").TextContentAsync())!.Trim();
        Assert.Matches("^REF-[2-9A-HJ-NP-Z]{6}$", code);
        Assert.EndsWith($"/Account/Register?ref={code}", link, StringComparison.Ordinal);
        await Expect(member.GetByText("First visit made")).ToBeVisibleAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status).Filter(new() { HasText = "Link copied" }).Or(member.GetByText("wouldn't copy"))).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(member, "/me/invite");
        await BrowserFixture.ScreenshotAsync(member, "referral-invite-390");

        // 2. A visitor opens the link on their phone: the code is filled in; they join.
        var visitor = await browser.NewPageAsync(390, 844);
        await visitor.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(visitor.Locator("#Input\\.ReferralCode")).ToHaveValueAsync(code);
        await visitor.FillAsync("#Input\\.PreferredName", "Rosa Invited");
        await visitor.FillAsync("#Input\\.Email", $"rosa.{Guid.NewGuid():N}@example.com");
        await visitor.FillAsync("#Input\\.Password", RegisterPage.Password);
        await visitor.FillAsync("#Input\\.ConfirmPassword", RegisterPage.Password);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(visitor, "/Account/Register?ref=");
        await BrowserFixture.ScreenshotAsync(visitor, "referral-register-390");
        await new RegisterPage(visitor).SubmitAsync();
        await visitor.WaitForURLAsync("**/me");

        // 3. A bad code is explained beside the field, and nobody joins.
        var wrong = await browser.NewPageAsync(390, 844);
        await new RegisterPage(wrong).FillAsync("Wrong Code", $"wrong.{Guid.NewGuid():N}@example.com");
        await wrong.FillAsync("#Input\\.ReferralCode", "REF-ZZZZZZ");
        await new RegisterPage(wrong).SubmitAsync();
        var codeField = wrong.Locator(".account-field", new() { Has = wrong.Locator("#Input\\.ReferralCode") });
        await Expect(codeField.Locator(".validation-message")).ToContainTextAsync("couldn't find that referral code");

        // 4. Staff enrol someone at the counter with the same code.
        var staff = await browser.NewPageAsync(1024, 768);
        await new LoginPage(staff).SignInAsync(DemoAccounts.Staff.Email);
        await staff.WaitForURLAsync("**/counter");
        await new Shell(staff).WaitUntilInteractiveAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Enrol a new member" }).ClickAsync();
        var dialog = staff.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name they like to be called").FillAsync("Cam Counter");
        await dialog.GetByLabel("Phone").FillAsync("07400 900" + Random.Shared.Next(100, 999));
        await dialog.GetByLabel("Referral code (optional)").FillAsync(code.ToLowerInvariant());
        await dialog.GetByText("They agree to the programme terms").ClickAsync();
        await Expect(dialog.GetByLabel("Referral code (optional)")).ToHaveValueAsync(code.ToLowerInvariant());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await staff.WaitForURLAsync("**/counter/members/**");
        // The card opened is the new member's, not someone found by a clashing phone number.
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Cam Counter", Level = 1 })).ToBeVisibleAsync();

        // 5. The manager's referral chain shows both under the demo member.
        var manager = await browser.NewPageAsync(1366, 900);
        await new LoginPage(manager).SignInAsync(DemoAccounts.Manager.Email);
        await manager.WaitForURLAsync("**/manager");
        await new Shell(manager).WaitUntilInteractiveAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Referrals" }).ClickAsync();
        await manager.WaitForURLAsync("**/manager/referrals");
        await new Shell(manager).WaitUntilInteractiveAsync();
        await manager.GetByLabel("Member code or referral code").FillAsync(code);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Show chain" }).ClickAsync();
        var chain = manager.GetByTestId("referral-chain");
        await Expect(chain).ToContainTextAsync("Rosa Invited");
        await Expect(chain).ToContainTextAsync("Cam Counter");
        await Expect(chain).ToContainTextAsync(DemoAccounts.Member.Name);
        await Expect(manager.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(manager, "/manager/referrals");
        await BrowserFixture.ScreenshotAsync(manager, "referral-chain-1366");
    }
}
