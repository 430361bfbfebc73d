using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Members;

/// <summary>The manager's member list says what to try next, and only mentions a filter that is set.</summary>
public sealed class MemberListPageTests : PortalTestContext
{
    [Fact]
    public async Task Empty_list_without_a_store_filter_does_not_ask_to_clear_one()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        Render<MudPopoverProvider>();

        var cut = Render<MemberListPage>();

        cut.WaitForAssertion(() => Assert.Contains("No members", cut.Find(".empty-state").TextContent));
        Assert.DoesNotContain("store filter", cut.Find(".empty-state").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Empty_list_with_a_store_filter_asks_to_clear_it_and_clearing_it_shows_everyone_again()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        var store = await Db.AddStoreAsync("Keswick");
        await Db.AddMemberAsync("Alex Morgan", withLogin: false);
        Render<MudPopoverProvider>();
        var cut = Render<MemberListPage>();
        cut.WaitForAssertion(() => Assert.Contains("Alex Morgan", cut.Markup));
        var storeFilter = cut.FindComponent<MudSelect<int?>>();

        await cut.InvokeAsync(() => storeFilter.Instance.ValueChanged.InvokeAsync(store.Id));

        cut.WaitForAssertion(() => Assert.Contains("Clear the store filter to see everyone.", cut.Find(".empty-state").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("No members match", cut.Find(".empty-state").TextContent);

        await cut.InvokeAsync(() => storeFilter.Instance.ValueChanged.InvokeAsync(null));

        cut.WaitForAssertion(() => Assert.Contains("Alex Morgan", cut.Markup), TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll(".empty-state"));
    }

    [Fact]
    public async Task Search_without_matches_suggests_other_words_not_the_store_filter()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        await Db.AddMemberAsync("Alex Morgan", withLogin: false);
        Render<MudPopoverProvider>();
        var cut = Render<MemberListPage>();
        cut.WaitForAssertion(() => Assert.Contains("Alex Morgan", cut.Markup));

        cut.Find("input[placeholder^='Name']").Input("Zebedee");

        cut.WaitForAssertion(() => Assert.Contains("No members match", cut.Find(".empty-state").TextContent), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("store filter", cut.Find(".empty-state").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_name_is_a_link_to_the_members_page_so_the_keyboard_can_open_it()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager));
        var (member, _) = await Db.AddMemberAsync("Alex Morgan", withLogin: false);
        Render<MudPopoverProvider>();

        var cut = Render<MemberListPage>();

        cut.WaitForAssertion(() => Assert.Equal($"/manager/members/{member.Id}", cut.Find("tbody a").GetAttribute("href")));
        Assert.Equal("Alex Morgan", cut.Find("tbody a").TextContent);
    }
}
