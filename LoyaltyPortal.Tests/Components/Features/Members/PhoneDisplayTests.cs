using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Members;

/// <summary>Pages show a stored (E.164) phone number as people write it, never the raw stored form.</summary>
public sealed class PhoneDisplayTests : PortalTestContext
{
    [Fact]
    public async Task Member_list_shows_home_numbers_nationally_and_foreign_ones_internationally()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        await Db.AddMemberAsync("Alex Morgan", withLogin: false, phone: "+447400123456");
        await Db.AddMemberAsync("Zoé Martin", withLogin: false, phone: "+33612345678");
        Render<MudPopoverProvider>();

        var cut = Render<MemberListPage>();

        cut.WaitForAssertion(() => Assert.Contains("07400 123456", cut.Markup));
        Assert.Contains("+33 6 12 34 56 78", cut.Markup);
        Assert.DoesNotContain("+447400123456", cut.Markup);
        Assert.DoesNotContain("+33612345678", cut.Markup);
    }

    [Fact]
    public async Task Member_detail_shows_the_formatted_number()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        var (member, _) = await Db.AddMemberAsync("Alex Morgan", withLogin: false, phone: "+447400123456");
        Render<MudPopoverProvider>();

        var cut = Render<MemberDetailPage>(p => p.Add(x => x.MemberId, member.Id));

        cut.WaitForAssertion(() => Assert.Contains("07400 123456", cut.Find(".profile-facts").TextContent));
        Assert.DoesNotContain("+447400123456", cut.Markup);
    }

    [Fact]
    public async Task My_profile_offers_the_number_to_edit_as_the_member_writes_it()
    {
        var (_, caller) = await Db.AddMemberAsync("Alex Morgan", phone: "+447400123456");
        SignIn(caller!);
        var cut = Render<MyProfilePage>();
        var inputId = cut.WaitForElement("label:contains('Phone (optional)')").GetAttribute("for");

        Assert.Equal("07400 123456", cut.Find($"#{inputId}").GetAttribute("value"));
        Assert.DoesNotContain("+447400123456", cut.Markup);
    }
}
