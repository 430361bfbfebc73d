using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features;

/// <summary>Opening a member's card at the counter writes one audit row, however the page is rendered.</summary>
public sealed class RecognitionCardPageTests : PortalTestContext
{
    [Fact]
    public async Task One_card_open_prerendered_then_interactive_writes_one_audit_row()
    {
        var store = await Db.AddStoreAsync();
        var staff = await Db.AddUserAsync(Roles.Staff, "Sam Counter", store.Id);
        var (member, _) = await Db.AddMemberAsync("Alex Morgan");
        SignIn(staff);
        Render<MudPopoverProvider>();

        // The server first prerenders the page, then renders it again once the circuit connects.
        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var prerendered = Render<RecognitionCardPage>(p => p.Add(c => c.MemberCode, member.MemberCode));
        Assert.DoesNotContain("Alex Morgan", prerendered.Markup, StringComparison.Ordinal);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var live = Render<RecognitionCardPage>(p => p.Add(c => c.MemberCode, member.MemberCode));
        live.WaitForAssertion(() => Assert.Contains("Alex Morgan", live.Markup, StringComparison.Ordinal));

        Assert.Equal(1, await Db.QueryAsync(c => c.CardViews.CountAsync(v => v.MemberId == member.Id)));
    }
}
