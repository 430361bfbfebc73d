using Bunit;
using LoyaltyPortal.Features.Benefits.Operations;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Tests.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Operations;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Benefits;

/// <summary>
/// Check-in buttons wait, disabled and saying when, until check-in opens two hours before the start (programme time),
/// then come alive without a reload. The test clock starts at 10:00 in November, when London is on UTC.
/// </summary>
public sealed class CheckInButtonTests : PortalTestContext
{
    private async Task<(long BookingId, string MemberCode)> EventAtFourPmAsync()
    {
        var run = await Db.AddEventAsync(startsIn: TimeSpan.FromHours(6));
        var (member, bookingId) = await Db.BookAsync(run.Id, "Alex Morgan");
        var code = await Db.QueryAsync(c => c.Members.Where(m => m.UserId == member.UserId).Select(m => m.MemberCode).SingleAsync());
        SignIn(await Db.AddStaffAsync());
        Services.AddSingleton<TimeProvider>(Db.Clock);
        Render<MudPopoverProvider>();
        return (bookingId, code);
    }

    [Fact]
    public async Task Roster_check_in_is_disabled_with_its_opening_time_until_check_in_opens()
    {
        await EventAtFourPmAsync();
        var cut = Render<TodaysEventsPage>();

        WaitsForTwoPmThenOpens(cut, "button[aria-label*='Alex Morgan']");
    }

    [Fact]
    public async Task Card_check_in_is_disabled_with_its_opening_time_until_check_in_opens()
    {
        var (_, code) = await EventAtFourPmAsync();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = Render<RecognitionCardPage>(p => p.Add(c => c.MemberCode, code));

        WaitsForTwoPmThenOpens(cut, "button[aria-label*='Saturday run club']");
    }

    /// <summary>The button says when check-in opens and stays disabled; at 14:00 it becomes "Check in" on its own.</summary>
    private void WaitsForTwoPmThenOpens<T>(IRenderedComponent<T> cut, string button) where T : IComponent
    {
        cut.WaitForAssertion(() => Assert.Contains("Opens at 14:00", cut.Find(button).TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find(button).HasAttribute("disabled"));

        Db.Clock.Advance(TimeSpan.FromHours(4));

        cut.WaitForAssertion(() => Assert.False(cut.Find(button).HasAttribute("disabled")));
        Assert.Contains("Check in", cut.Find(button).TextContent, StringComparison.Ordinal);
    }
}
