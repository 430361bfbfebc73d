using Bunit;
using LoyaltyPortal.Features.Insights;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Features.Insights;

/// <summary>The pulse card: a labelled native radio group and checkboxes, a message beside the scale, thanks, and "Not now".</summary>
public sealed class PulseCardTests : PortalTestContext
{
    private async Task<IRenderedComponent<PulseCard>> RenderForMemberAsync()
    {
        var (_, caller) = await Db.AddMemberAsync("Alex Morgan");
        SignIn(caller!);
        var cut = Render<PulseCard>();
        cut.WaitForAssertion(() => cut.Find(".pulse-card"));
        return cut;
    }

    [Fact]
    public async Task The_scale_is_one_radio_group_of_eleven_with_labelled_ends_inside_a_named_fieldset()
    {
        var cut = await RenderForMemberAsync();

        var radios = cut.FindAll("input[type=radio][name=pulse-score]");
        Assert.Equal(11, radios.Count);
        Assert.Equal("How much would you miss us if we were gone?", cut.Find("fieldset legend").TextContent);
        Assert.Equal("0 — not at all", cut.Find("label[for=pulse-score-0]").TextContent);
        Assert.Equal("5", cut.Find("label[for=pulse-score-5]").TextContent);
        Assert.Equal("10 — very much", cut.Find("label[for=pulse-score-10]").TextContent);
        Assert.Equal(PulseChoices.All.Count, cut.FindAll("input[type=checkbox]").Count);
        Assert.All(PulseChoices.All, c => Assert.Equal(c.Label, cut.Find($"label[for=pulse-choice-{c.Code}]").TextContent));
        Assert.Equal("Not now: hide this question", cut.Find("button[aria-label^='Not now']").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Sending_without_a_score_says_so_beside_the_scale_and_saves_nothing()
    {
        var cut = await RenderForMemberAsync();

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("Choose a number from 0 to 10.", cut.Find("#pulse-score-error").TextContent));
        Assert.Equal("pulse-score-error", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Equal(0, await Db.QueryAsync(c => c.PulseResponses.CountAsync()));
    }

    [Fact]
    public async Task Picking_a_number_clears_the_message_beside_the_scale()
    {
        var cut = await RenderForMemberAsync();
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => cut.Find("#pulse-score-error"));

        await cut.Find("#pulse-score-4").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "4" });

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#pulse-score-error")));
        Assert.Null(cut.Find("fieldset").GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task Answering_thanks_the_member_and_saves_the_score_and_choices()
    {
        var cut = await RenderForMemberAsync();

        await cut.Find("#pulse-score-7").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "7" });
        await cut.Find("#pulse-choice-events").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Thank you", cut.Find(".pulse-thanks").TextContent));
        Assert.Empty(cut.FindAll(".pulse-card"));
        var saved = await Db.QueryAsync(c => c.PulseResponses.SingleAsync());
        Assert.Equal(7, saved.Score);
        Assert.Equal(["events"], saved.Matters);
    }

    [Fact]
    public async Task Not_now_hides_the_card_and_records_a_dismissal()
    {
        var cut = await RenderForMemberAsync();

        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Not now").ClickAsync();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".pulse-card")));
        Assert.Empty(cut.FindAll(".pulse-thanks"));
        Assert.Null((await Db.QueryAsync(c => c.PulseResponses.SingleAsync())).Score);
    }

    [Fact]
    public async Task A_member_who_answered_recently_is_not_asked()
    {
        var (member, caller) = await Db.AddMemberAsync("Alex Morgan");
        await using (var context = Db.NewContext())
        {
            context.PulseResponses.Add(new PulseResponse { MemberId = member.Id, RespondedAt = Db.Clock.GetUtcNow().UtcDateTime.AddDays(-3), Score = 9 });
            await context.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        SignIn(caller!);

        var cut = Render<PulseCard>();

        await Task.Delay(200, Xunit.TestContext.Current.CancellationToken);
        Assert.Empty(cut.FindAll(".pulse-card"));
    }
}
