using Bunit;
using LoyaltyPortal.Features.Pass;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Pass;

/// <summary>My pass: the QR code and member code, a reset behind a confirmation, and a code that renews itself.</summary>
public sealed class MyPassPageTests : PortalTestContext
{
    private IRenderedComponent<MudDialogProvider> dialogs = default!;

    /// <param name="testClock">Timers too run on the test clock (MudBlazor registers the system clock for components).</param>
    private async Task<(IRenderedComponent<MyPassPage> Cut, int MemberId, string Code)> RenderForNewMemberAsync(bool testClock = false)
    {
        var (member, caller) = await Db.AddMemberAsync("Alex Morgan");
        if (testClock) Services.AddSingleton<TimeProvider>(Db.Clock);
        SignIn(caller!);
        dialogs = Render<MudDialogProvider>();
        var cut = Render<MyPassPage>();
        cut.WaitForElement(".pass-qr svg");
        return (cut, member.Id, member.MemberCode);
    }

    private Task<int> PassVersionAsync(int memberId) =>
        Db.QueryAsync(c => c.Members.Where(m => m.Id == memberId).Select(m => m.PassVersion).SingleAsync());

    [Fact]
    public async Task Shows_a_named_svg_qr_code_and_the_member_code()
    {
        var (cut, _, code) = await RenderForNewMemberAsync();

        var svg = cut.Find(".pass-qr svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal($"QR code of your pass, member code {code}", svg.GetAttribute("aria-label"));
        Assert.NotEmpty(svg.QuerySelectorAll("path, rect"));
        Assert.Equal($"Member code {code}", cut.Find(".pass-code").TextContent);
    }

    [Fact]
    public async Task Confirming_the_reset_raises_the_pass_version_and_shows_a_new_code()
    {
        var (cut, memberId, _) = await RenderForNewMemberAsync();
        var before = cut.Find(".pass-qr").InnerHtml;

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Reset my pass").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Your current QR code stops working straight away.", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Reset pass").Click();

        cut.WaitForAssertion(() => Assert.NotEqual(before, cut.Find(".pass-qr").InnerHtml));
        Assert.Equal(1, await PassVersionAsync(memberId));
    }

    [Fact]
    public async Task Keeping_the_pass_changes_nothing()
    {
        var (cut, memberId, _) = await RenderForNewMemberAsync();

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Reset my pass").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Reset your pass?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Reset your pass?", dialogs.Markup));
        Assert.Equal(0, await PassVersionAsync(memberId));
    }

    [Fact]
    public async Task An_open_page_renews_the_code_before_it_expires()
    {
        var (cut, _, _) = await RenderForNewMemberAsync(testClock: true);
        var before = cut.Find(".pass-qr").InnerHtml;

        // A day's lifetime renews with a tenth to go: at 21.6 hours.
        Db.Clock.Advance(TimeSpan.FromHours(21));
        Assert.Equal(before, cut.Find(".pass-qr").InnerHtml);
        Db.Clock.Advance(TimeSpan.FromHours(1));

        cut.WaitForAssertion(() => Assert.NotEqual(before, cut.Find(".pass-qr").InnerHtml));
        Assert.Contains("Works until 22 Nov 2026, 08:00", cut.Markup); // renewed 22 hours on, for another day (London is on UTC in November)
    }
}
