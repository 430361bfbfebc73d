using Bunit;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition.Enrolment;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features;

/// <summary>The counter's enrol dialog: messages beside the fields, and a new member opens on their card.</summary>
public sealed class EnrolDialogTests : PortalTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(IRenderedComponent<MudDialogProvider> Cut, Caller Staff)> OpenAsync(string? initialText = null)
    {
        var staff = await Db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: (await Db.AddStoreAsync()).Id);
        SignIn(staff);
        Render<MudPopoverProvider>();
        var cut = Render<MudDialogProvider>();
        var parameters = new DialogParameters<EnrolDialog> { { d => d.InitialText, initialText } };
        await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<EnrolDialog>("Enrol a new member", parameters));
        cut.WaitForElement("#enrol-form");
        return (cut, staff);
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<MudDialogProvider> cut, string label) =>
        cut.Find($"#{cut.Find($"label:contains('{label}')").GetAttribute("for")}");

    private static string FieldText(IRenderedComponent<MudDialogProvider> cut, string label) =>
        Field(cut, label).Closest(".mud-input-control")!.TextContent;

    [Fact]
    public async Task An_empty_form_shows_each_message_beside_its_field_and_enrols_nobody()
    {
        var (cut, _) = await OpenAsync();

        // The browser's own "Please fill out this field" would stop the submit before these messages could show.
        Assert.True(cut.Find("#enrol-form").HasAttribute("novalidate"));
        await cut.Find("#enrol-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Enter the name they like to be called.", FieldText(cut, "Name they like to be called"), StringComparison.Ordinal));
        Assert.Contains("Enter a phone number or an email address", FieldText(cut, "Phone"), StringComparison.Ordinal);
        Assert.Contains("Enter a phone number or an email address", FieldText(cut, "Email"), StringComparison.Ordinal);
        Assert.Equal("They need to agree to the programme terms to join.", cut.Find(".validation-message[role=alert]").TextContent);
        Assert.Equal(0, await Db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }

    [Fact]
    public async Task What_staff_searched_for_starts_the_form()
    {
        var (cut, _) = await OpenAsync("07400 900123");

        Assert.Equal("07400 900123", Field(cut, "Phone").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(Field(cut, "Name they like to be called").GetAttribute("value")));
    }

    [Fact]
    public async Task A_new_member_opens_on_their_recognition_card()
    {
        var (cut, _) = await OpenAsync("Anna Müller");
        Field(cut, "Phone").Change("07400 900123");
        cut.FindAll("input[type=checkbox]")[0].Change(true);

        await cut.Find("#enrol-form").SubmitAsync();

        var code = await Db.QueryAsync(c => c.Members.Select(m => m.MemberCode).SingleAsync(Ct));
        cut.WaitForAssertion(() => Assert.EndsWith($"/counter/members/{code}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_already_a_member_is_named_with_a_button_to_open_their_card()
    {
        var (cut, _) = await OpenAsync("jo@example.com");
        var (jo, _) = await Db.AddMemberAsync("Jo Mullins", withLogin: false, email: "jo@example.com");
        Field(cut, "Name they like to be called").Change("Joanne");
        cut.FindAll("input[type=checkbox]")[0].Change(true);

        await cut.Find("#enrol-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains($"Already a member: Jo Mullins, email jo•••@example.com, member code {jo.MemberCode}.", cut.Markup, StringComparison.Ordinal));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Open their card").Click();
        Assert.EndsWith($"/counter/members/{jo.MemberCode}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.Equal(1, await Db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }
}
