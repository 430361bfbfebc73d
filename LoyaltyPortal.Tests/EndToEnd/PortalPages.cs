using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>The static sign-in page.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/Account/Login");

    public async Task SignInAsync(string email, string password = DemoAccounts.Password)
    {
        await OpenAsync();
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }
}

/// <summary>The static "Join the programme" page.</summary>
public sealed class RegisterPage(IPage page)
{
    public const string Password = "Joining#2026";

    public async Task FillAsync(string name, string email, string? phone = null)
    {
        await page.GotoAsync("/Account/Register");
        await page.FillAsync("#Input\\.PreferredName", name);
        await page.FillAsync("#Input\\.Email", email);
        if (phone is not null) await page.FillAsync("#Input\\.Phone", phone);
        await page.FillAsync("#Input\\.Password", Password);
        await page.FillAsync("#Input\\.ConfirmPassword", Password);
    }

    public async Task SubmitAsync() => await page.ClickAsync("button[type=submit]:has-text('Create my membership')");

    /// <summary>Joins with a fresh email and waits for the member's home.</summary>
    public async Task JoinAsync(string name)
    {
        await FillAsync(name, $"member.{Guid.NewGuid():N}@example.com");
        await SubmitAsync();
        await page.WaitForURLAsync("**/me");
    }
}

/// <summary>The interactive app shell: navigation drawer, theme toggle, sign-out.</summary>
public sealed class Shell(IPage page)
{
    public ILocator NavLinks => page.Locator(".mud-navmenu a.mud-nav-link");

    /// <summary>The layout marks the body once the circuit is live; clicks before that would be lost.</summary>
    public async Task WaitUntilInteractiveAsync() =>
        await page.WaitForSelectorAsync("body[data-interactive=true]", new() { Timeout = 15_000 });

    public async Task<IReadOnlyList<string>> NavLinkTextsAsync()
    {
        var texts = await NavLinks.AllInnerTextsAsync();
        return texts.Select(t => t.Trim()).ToList();
    }

    /// <summary>On a phone the drawer starts closed; the menu button opens it.</summary>
    public async Task OpenDrawerOnPhoneAsync()
    {
        await WaitUntilInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(NavLinks.First).ToBeVisibleAsync();
    }

    public ILocator ThemeToggle => page.Locator("button[aria-label^='Switch to']");

    public async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/me", StringComparison.Ordinal) && !url.Contains("/manager", StringComparison.Ordinal));
    }
}
