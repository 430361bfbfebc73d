using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Members.Referrals;
using LoyaltyPortal.Tests.Features.Members;
using LoyaltyPortal.Tests.Features.Members.Referrals;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Members;

/// <summary>The member pages for a German reader: the manager's member page, the member's profile form and invite page.</summary>
public sealed class MemberPagesGermanTests : PortalTestContext
{
    [Fact]
    public async Task The_member_page_reads_in_German()
    {
        var (member, _) = await MemberOverviewServiceTests.SeedHistoryAsync(Db);
        SignIn(await Db.AddUserAsync(Roles.Manager, "Morgan Lee"));
        using var german = TestCulture.German();
        Render<MudPopoverProvider>();

        var cut = Render<MemberDetailPage>(p => p.Add(c => c.MemberId, member.Id));

        cut.WaitForAssertion(() => Assert.Contains("Anna Müller", cut.Find("h1").TextContent));
        Assert.Contains("350 von 900 Punkten bis Gold", cut.Find("[data-testid='member-tier']").TextContent);
        Assert.Contains("Teilgenommen", cut.Find("[data-testid='member-bookings']").TextContent);
        Assert.Contains("Überfällig seit", cut.Find("[data-testid='member-trials']").TextContent);
        Assert.Contains("Notizen der Mitarbeitenden", cut.Find("[data-testid='member-notes']").TextContent);
        Assert.Contains("Empfehlungen", cut.Find("[data-testid='member-referrals']").TextContent);
    }

    [Fact]
    public async Task A_missing_name_on_the_profile_form_is_pointed_out_in_German()
    {
        var (_, caller) = await Db.AddMemberAsync("Alex Morgan");
        SignIn(caller!);
        using var german = TestCulture.German();
        var cut = Render<MyProfilePage>();
        var inputId = cut.WaitForElement("label:contains('Rufname')").GetAttribute("for");

        cut.Find($"#{inputId}").Change("");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Geben Sie den Namen ein, mit dem wir Sie ansprechen sollen.",
            cut.Find($"#{inputId}").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
        Assert.Contains("Profil speichern", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invite_page_and_a_refused_code_read_in_German()
    {
        var (_, caller, _) = await Db.AddReferrerAsync("Jo Lee");
        SignIn(caller!);
        using var german = TestCulture.German();
        Render<MudPopoverProvider>();

        var cut = Render<InvitePage>();
        cut.WaitForAssertion(() => Assert.Equal("Freunde einladen", cut.Find("h1").TextContent));
        cut.Find("input").Change("hello");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Das ist kein Empfehlungscode.", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Hat Sie jemand eingeladen?", cut.Markup, StringComparison.Ordinal);
    }
}
