using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// Recognition without a card, at tablet width and with the keyboard alone: three letters of a surname open the
/// card, staff add a note and record a visit, and a scanner typing the code opens the same card.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecognitionJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Staff_find_a_member_by_three_letters_add_a_note_record_a_visit_and_a_scanned_code_opens_the_same_card()
    {
        // A member with a surname nobody else in the demo data has.
        var member = await browser.NewPageAsync(390, 844);
        await new RegisterPage(member).JoinAsync("Quinn Zebedee");
        await new Shell(member).WaitUntilInteractiveAsync();
        var code = await member.Locator("strong", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^[A-Z0-9]{6,}$") }).First.InnerTextAsync();

        var staff = await browser.NewPageAsync(1024, 768);
        await new LoginPage(staff).SignInAsync(DemoAccounts.Staff.Email);
        await staff.WaitForURLAsync("**/counter");
        await new Shell(staff).WaitUntilInteractiveAsync();

        // 1. The search box has focus on load; three letters of the surname list the member; arrow and Enter open the card.
        var search = staff.GetByRole(AriaRole.Combobox, new() { Name = "Find a member" });
        await Expect(search).ToBeFocusedAsync();
        await staff.Keyboard.TypeAsync("zeb", new() { Delay = 60 });
        var results = staff.GetByRole(AriaRole.Listbox, new() { Name = "Matching members" });
        await Expect(results.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await Expect(results).ToContainTextAsync("Quinn Zebedee");
        await Expect(results).ToContainTextAsync(code);
        await BrowserFixture.ScreenshotAsync(staff, "recognition-1-search-tablet");
        await staff.Keyboard.PressAsync("ArrowDown");
        await Expect(search).ToHaveAttributeAsync("aria-activedescendant", "counter-result-0");
        await staff.Keyboard.PressAsync("Enter");
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/counter/members/{code}$"));
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Quinn Zebedee", Level = 1 })).ToBeVisibleAsync();
        await Expect(staff.GetByLabel("Suggested gesture")).ToBeVisibleAsync();

        // 2. With the keyboard alone: write a note and save it, then record a visit.
        var note = staff.GetByRole(AriaRole.Textbox, new() { Name = "Add a note" });
        await TabToAsync(staff, note);
        await staff.Keyboard.TypeAsync("Looking for trail shoes for a first marathon");
        await TabToAsync(staff, staff.GetByRole(AriaRole.Button, new() { Name = "Save note" }));
        await staff.Keyboard.PressAsync("Enter");
        await Expect(staff.GetByText("Note added for Quinn Zebedee.")).ToBeVisibleAsync();
        var notes = staff.GetByRole(AriaRole.List, new() { Name = "Staff notes, newest first" });
        await Expect(notes).ToContainTextAsync("Looking for trail shoes for a first marathon");
        await Expect(notes).ToContainTextAsync("Sam Okafor, Covent Garden");

        await TabToAsync(staff, staff.GetByRole(AriaRole.Button, new() { Name = "Record a visit" }), backwards: true);
        await staff.Keyboard.PressAsync("Enter");
        await Expect(staff.GetByText("Visit recorded for Quinn Zebedee.")).ToBeVisibleAsync();
        await Expect(staff.GetByRole(AriaRole.List, new() { Name = "Member's recent activity" })).ToContainTextAsync("Visit");
        await BrowserFixture.ScreenshotAsync(staff, "recognition-2-card-after-note-and-visit-tablet");
        // Snackbars fade while axe samples colours; scan the card once they have gone.
        await Expect(staff.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await AccessibilityTests.AssertNoSeriousViolationsAsync(staff, "/counter/members/{code}");

        // A purchase through the dialog, keyboard only: the amount field has focus; Enter submits.
        await TabToAsync(staff, staff.GetByRole(AriaRole.Button, new() { Name = "Record a purchase" }));
        await staff.Keyboard.PressAsync("Enter");
        var amount = staff.GetByLabel("Amount", new() { Exact = true });
        await TabToAsync(staff, amount);
        await staff.Keyboard.TypeAsync("-5");
        await staff.Keyboard.PressAsync("Enter");
        await Expect(staff.GetByText("Enter an amount more than 0. Refunds are handled at the till, not here.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(staff, "recognition-3-purchase-refused-tablet");
        await amount.FillAsync("42.50");
        await staff.Keyboard.PressAsync("Enter");
        await Expect(staff.GetByText("Purchase of £42.50 recorded for Quinn Zebedee.")).ToBeVisibleAsync();

        // 3. A hand scanner "types" the code and presses Enter: the same card opens.
        await staff.GotoAsync("/counter");
        await new Shell(staff).WaitUntilInteractiveAsync();
        await staff.Keyboard.TypeAsync("zeb");
        await Expect(results.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(staff, "/counter (results)");
        // One letter matches hundreds: a page of them, each with store, tier and last visit, and a hint to keep typing.
        await staff.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        // Clearing hands focus back to the box after a round trip; typing before that would go to the Clear button.
        await Expect(search).ToHaveValueAsync("");
        await Expect(search).ToBeFocusedAsync();
        await staff.Keyboard.TypeAsync("a");
        await Expect(results.GetByRole(AriaRole.Option)).ToHaveCountAsync(10);
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("More members match. Keep typing");
        await Expect(results.GetByRole(AriaRole.Option).First).ToContainTextAsync("last visit");
        await BrowserFixture.ScreenshotAsync(staff, "recognition-4-more-match-tablet");
        await staff.GotoAsync("/counter");
        await new Shell(staff).WaitUntilInteractiveAsync();
        await Expect(search).ToBeFocusedAsync();
        // A damaged pass token gets a clear message, not an error page.
        await staff.Keyboard.TypeAsync("LP1.bm90LWEtcmVhbC10b2tlbg", new() { Delay = 5 });
        await staff.Keyboard.PressAsync("Enter");
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("This code isn't a LoyaltyPortal pass.");
        await staff.Keyboard.TypeAsync(code, new() { Delay = 5 });
        await staff.Keyboard.PressAsync("Enter");
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/counter/members/{code}$"));
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Quinn Zebedee", Level = 1 })).ToBeVisibleAsync();
        await Expect(staff.GetByRole(AriaRole.List, new() { Name = "Staff notes, newest first" })).ToContainTextAsync("first marathon");
    }

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, bool backwards = false)
    {
        await target.WaitForAsync();
        for (var i = 0; i < 60; i++)
        {
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement || el.contains(document.activeElement)")) return;
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        Assert.Fail($"Tabbing never reached {target}.");
    }
}
