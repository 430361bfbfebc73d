using LoyaltyPortal.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// Listening end to end: the demo member answers the pulse with the keyboard and rates the autumn run they went to;
/// the manager, in another browser, posts the change it led to; the member's open "You said, we did" shows it live.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ListeningJourneyTests(BrowserFixture browser)
{
    private const string Change = "From next month every trail run has a steady group with its own leader.";

    [Fact]
    public async Task A_member_answers_the_pulse_rates_an_event_and_sees_the_managers_change_under_you_said_we_did()
    {
        // 1. The pulse is on the member's home, answered with the keyboard alone.
        var member = await browser.NewPageAsync(390, 844);
        await new LoginPage(member).SignInAsync(DemoAccounts.Member.Email);
        await member.WaitForURLAsync("**/me");
        await new Shell(member).WaitUntilInteractiveAsync();
        var pulse = member.GetByRole(AriaRole.Region, new() { Name = "A quick question" });
        await Expect(pulse).ToBeVisibleAsync();
        await Expect(pulse.GetByRole(AriaRole.Group, new() { Name = "How much would you miss us if we were gone?" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(member, "listening-1-pulse-phone");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(member, "/me (pulse)");

        // Progress first: the tier ring is whole on the phone's first screen, above the pulse.
        var ring = (await member.Locator(".progress-ring").First.BoundingBoxAsync())!;
        var card = (await pulse.BoundingBoxAsync())!;
        Assert.True(ring.Y + ring.Height <= 844, $"the ring ends at {ring.Y + ring.Height} px, below the first screen");
        Assert.True(ring.Y < card.Y, "the pulse comes before the tier ring");
        // Every step of the scale is a 44 px target; what matters and Send wait until a number is picked.
        foreach (var step in await pulse.Locator("label.pulse-score").AllAsync())
        {
            var box = (await step.BoundingBoxAsync())!;
            Assert.True(box.Width >= 44 && box.Height >= 44, $"a step is {box.Width} x {box.Height} px");
        }
        var matters = pulse.GetByRole(AriaRole.Group, new() { Name = "What matters most to you right now?" });
        await Expect(matters).ToBeHiddenAsync();
        Assert.True(card.Height < 300, $"the unanswered pulse is {card.Height} px tall");
        // It folds away and comes back.
        await pulse.GetByRole(AriaRole.Button, new() { Name = "Hide the question" }).ClickAsync();
        await Expect(pulse.GetByRole(AriaRole.Group, new() { Name = "How much would you miss us if we were gone?" })).ToHaveCountAsync(0);
        await pulse.GetByRole(AriaRole.Button, new() { Name = "Show the question" }).ClickAsync();

        await pulse.GetByRole(AriaRole.Radio, new() { Name = "0 — not at all" }).FocusAsync();
        await member.Keyboard.PressAsync("Space");
        for (var i = 0; i < 8; i++) await member.Keyboard.PressAsync("ArrowRight");
        await Expect(pulse.GetByRole(AriaRole.Radio, new() { Name = "8", Exact = true })).ToBeCheckedAsync();
        await Expect(matters).ToBeVisibleAsync();
        await member.Keyboard.PressAsync("Tab");
        await Expect(pulse.GetByRole(AriaRole.Checkbox, new() { Name = "Events and meet-ups" })).ToBeFocusedAsync();
        await member.Keyboard.PressAsync("Space");
        await Expect(pulse.GetByRole(AriaRole.Checkbox, new() { Name = "Events and meet-ups" })).ToBeCheckedAsync();
        await pulse.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "listening-1-pulse-chosen-phone.png") });
        await pulse.GetByRole(AriaRole.Button, new() { Name = "Send" }).FocusAsync();
        await member.Keyboard.PressAsync("Enter");
        await Expect(member.GetByText("Thank you. It helps us decide what to do next.")).ToBeVisibleAsync();
        await Expect(pulse).ToHaveCountAsync(0);
        await member.ReloadAsync();
        await new Shell(member).WaitUntilInteractiveAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Hi Alex Morgan" })).ToBeVisibleAsync();
        await Expect(member.GetByRole(AriaRole.Region, new() { Name = "A quick question" })).ToHaveCountAsync(0);

        // 2. The autumn run they went to: "Give feedback" from My bookings, four stars and a comment.
        await member.GotoAsync("/me/bookings");
        await new Shell(member).WaitUntilInteractiveAsync();
        var autumn = member.Locator(".booking-card", new() { HasText = "Autumn trail run" });
        await autumn.GetByRole(AriaRole.Link, new() { Name = "Give feedback" }).ClickAsync();
        await member.WaitForURLAsync("**/me/feedback/*");
        await new Shell(member).WaitUntilInteractiveAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "How was Autumn trail run?" })).ToBeVisibleAsync();
        await member.Locator(".mud-rating-item").Nth(3).ClickAsync();
        await member.GetByLabel("What stood out? (optional)").FillAsync("Lovely route, but I couldn't keep up with the front group.");
        await BrowserFixture.ScreenshotAsync(member, "listening-2-feedback-phone");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(member, "/me/feedback");
        await member.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Expect(member.GetByText("Your feedback is with the team.")).ToBeVisibleAsync();

        // The member keeps "You said, we did" open: the seeded change from the spring walk is there already.
        await member.GotoAsync("/me/you-said-we-did");
        await new Shell(member).WaitUntilInteractiveAsync();
        var feed = member.GetByRole(AriaRole.List, new() { Name = "Your feedback and our answers" });
        await Expect(feed).ToContainTextAsync("Spring hill walk in the Peak District");
        await Expect(feed).Not.ToContainTextAsync("Autumn trail run");

        // 3. The manager finds it among the feedback waiting for a reply and posts the change it led to.
        var manager = await browser.NewPageAsync(1366, 900);
        await new LoginPage(manager).SignInAsync(DemoAccounts.Manager.Email);
        await manager.WaitForURLAsync("**/manager");
        await new Shell(manager).WaitUntilInteractiveAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Feedback" }).ClickAsync();
        await manager.WaitForURLAsync("**/manager/feedback");
        await new Shell(manager).WaitUntilInteractiveAsync();
        await ToggleNeedsReplyAsync(manager);
        var row = manager.Locator("tr", new() { HasText = "couldn't keep up with the front group" });
        await Expect(row).ToContainTextAsync("Alex Morgan");
        await Expect(row.GetByRole(AriaRole.Img, new() { Name = "4 out of 5 stars" })).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Reply to Alex Morgan about Autumn trail run" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("A change it led to").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Post the change" }).ClickAsync();
        await Expect(dialog.GetByText("Say what you changed.")).ToBeVisibleAsync();
        await dialog.GetByLabel("What we did").FillAsync(Change);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Post the change" }).ClickAsync();
        await Expect(manager.GetByText("Posted. The member sees what changed under \"You said, we did\".")).ToBeVisibleAsync();
        await Expect(manager.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(row).ToHaveCountAsync(0);
        await ToggleNeedsReplyAsync(manager);
        await Expect(row).ToContainTextAsync("We did · Maya Patel");
        await Expect(row).ToContainTextAsync(Change);
        await BrowserFixture.ScreenshotAsync(manager, "listening-3-manager-feedback-desktop");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(manager, "/manager/feedback");

        // 4. The member's open page shows the change without a reload, under the experience and what they said.
        var answered = feed.Locator(".answered-feedback", new() { HasText = "Autumn trail run" });
        await Expect(answered).ToContainTextAsync(Change, new() { Timeout = 5_000 });
        await Expect(answered).ToContainTextAsync("couldn't keep up with the front group");
        await Expect(answered).ToContainTextAsync("We did");
        await Expect(answered).ToContainTextAsync("Maya from the team");
        await Expect(answered.GetByRole(AriaRole.Img, new() { Name = "4 out of 5 stars" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(member, "listening-4-you-said-we-did-phone");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(member, "/me/you-said-we-did");
    }

    /// <summary>
    /// The switch reloads the table; a click on a row drawn before the reload would be lost, so this waits until
    /// the table's count ("1-25 of 67") has changed.
    /// </summary>
    private static async Task ToggleNeedsReplyAsync(IPage manager)
    {
        var counted = manager.GetByText(PagerCount());
        var before = await counted.TextContentAsync();
        await manager.GetByText("Needs a reply", new() { Exact = true }).First.ClickAsync();
        await Expect(counted).Not.ToHaveTextAsync(before!);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+-\d+ of \d+$")]
    private static partial System.Text.RegularExpressions.Regex PagerCount();
}
