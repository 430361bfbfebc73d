using Bunit;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Features;

/// <summary>The profile form shows each service message beside its field and keeps what the member typed.</summary>
public sealed class MyProfilePageTests : PortalTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "Preferred name", "", "name" },
        { "Preferred name", new string('x', 10_000), "characters" },
        { "Preferred name", "😀😀😀", "at least one letter" },
        { "Phone (optional)", "call me maybe", "phone number" },
        { "Phone (optional)", "+44 ☎ 7700", "phone number" },
        { "What matters to you right now?", new string('a', 10_000), "characters" },
        { "Preferred name", "Alex\u202Egnp.exe", "text-direction" },
        { "What matters to you right now?", "Running \u2067shoes\u2069", "text-direction" },
    };

    [Theory, MemberData(nameof(BadInput))]
    public async Task Bad_input_shows_the_message_beside_the_field_and_saves_nothing(string label, string value, string messagePart)
    {
        var (member, caller) = await Db.AddMemberAsync("Alex Morgan", phone: "07700 900123");
        SignIn(caller!);
        var cut = Render<MyProfilePage>();
        var inputId = cut.WaitForElement($"label:contains('{label}')").GetAttribute("for");

        cut.Find($"#{inputId}").Change(value);
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() =>
            Assert.Contains(messagePart, cut.Find($"#{inputId}").Closest(".mud-input-control")!.TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(value, cut.Find($"#{inputId}").GetAttribute("value") ?? cut.Find($"#{inputId}").TextContent);
        var saved = await Db.QueryAsync(c => c.Members.SingleAsync(m => m.Id == member.Id, Ct));
        Assert.Equal((member.PreferredName, member.Phone, member.WhatMatters), (saved.PreferredName, saved.Phone, saved.WhatMatters));
    }

    [Fact]
    public async Task The_form_leaves_checking_to_the_app_so_the_browser_shows_no_bubble_of_its_own()
    {
        var (_, caller) = await Db.AddMemberAsync("Alex Morgan");
        SignIn(caller!);
        var cut = Render<MyProfilePage>();

        Assert.True(cut.WaitForElement("form").HasAttribute("novalidate"));
    }
}
