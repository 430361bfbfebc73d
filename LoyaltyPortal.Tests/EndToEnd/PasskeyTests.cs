using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>The template's passkeys still work, with Chromium's virtual authenticator standing in for a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Member_adds_a_passkey_and_later_signs_in_with_it_alone()
    {
        var page = await browser.NewPageAsync(1024, 900, viaLocalhost: true);
        await AddVirtualAuthenticatorAsync(page);
        await new RegisterPage(page).JoinAsync("Kit Passkey");

        await page.GotoAsync("/Account/Manage/Passkeys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a new passkey" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Manage/RenamePasskey**");
        await page.GetByLabel("Passkey name").FillAsync("My phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "My phone" })).ToBeVisibleAsync();

        await page.Context.ClearCookiesAsync();
        Assert.Empty(await page.Context.CookiesAsync());
        var loginPage = page.WaitForRequestAsync(request => request.Url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GotoAsync("/me");
        await loginPage;

        // The login page asks for a passkey as the page loads (conditional mediation, offered in the email field's
        // autofill); the virtual authenticator answers at once, as a user picking their passkey would.
        await page.WaitForURLAsync("**/me");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hi Kit Passkey" })).ToBeVisibleAsync();
    }

    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }
}
