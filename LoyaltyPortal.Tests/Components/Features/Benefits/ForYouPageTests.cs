using Bunit;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Operations;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Features.Benefits;

/// <summary>"For you" cards: the whole card opens the benefit, and the primary button acts at once where it can.</summary>
public sealed class ForYouPageTests : PortalTestContext
{
    private async Task<(IRenderedComponent<ForYouPage> Cut, int MemberId)> RenderForNewMemberAsync()
    {
        var (member, caller) = await Db.AddMemberAsync("Alex Morgan");
        SignIn(caller!);
        var cut = Render<ForYouPage>();
        cut.WaitForElement(".benefit-card");
        return (cut, member.Id);
    }

    private static AngleSharp.Dom.IElement CardOf(IRenderedComponent<ForYouPage> cut, int benefitId) =>
        cut.Find($".benefit-card[data-benefit='{benefitId}']");

    private Task<int> BookingsOfAsync(int memberId, int benefitId) =>
        Db.QueryAsync(c => c.Bookings.CountAsync(b => b.MemberId == memberId && b.BenefitId == benefitId));

    [Fact]
    public async Task The_card_is_one_link_to_the_benefit_stretched_over_the_card()
    {
        var benefit = await Db.AddEventAsync();
        var (cut, _) = await RenderForNewMemberAsync();

        var links = CardOf(cut, benefit.Id).QuerySelectorAll("a");
        var link = Assert.Single(links);
        Assert.Equal($"/me/benefits/{benefit.Id}", link.GetAttribute("href"));
        Assert.Contains("benefit-card-link", link.ClassList);
        Assert.Equal("Saturday run club", link.TextContent.Trim());
    }

    [Fact]
    public async Task Book_on_the_card_books_the_event_and_the_card_then_says_booked()
    {
        var benefit = await Db.AddEventAsync();
        var (cut, memberId) = await RenderForNewMemberAsync();

        var book = CardOf(cut, benefit.Id).QuerySelector("button.benefit-card-action")!;
        Assert.Equal("Book", book.TextContent.Trim());
        Assert.Equal("Book: Saturday run club", book.GetAttribute("aria-label"));
        book.Click();

        cut.WaitForAssertion(() => Assert.Contains("Booked", CardOf(cut, benefit.Id).TextContent));
        Assert.Null(CardOf(cut, benefit.Id).QuerySelector(".benefit-card-action"));
        Assert.Equal(1, await BookingsOfAsync(memberId, benefit.Id));
    }

    [Fact]
    public async Task Claim_on_a_trial_card_claims_the_trial_and_the_card_then_says_claimed()
    {
        var trial = await Db.AddTrialAsync(units: 2);
        var (cut, memberId) = await RenderForNewMemberAsync();

        var claim = CardOf(cut, trial.Id).QuerySelector("button.benefit-card-action")!;
        Assert.Equal("Claim", claim.TextContent.Trim());
        Assert.Equal("Claim: 30-day wear trial", claim.GetAttribute("aria-label"));
        claim.Click();

        cut.WaitForAssertion(() => Assert.Contains("Claimed", CardOf(cut, trial.Id).TextContent));
        Assert.Null(CardOf(cut, trial.Id).QuerySelector(".benefit-card-action"));
        var claims = await Db.QueryAsync(c => c.Bookings.Where(b => b.MemberId == memberId && b.BenefitId == trial.Id).Select(b => b.Status).ToListAsync());
        Assert.Equal([BookingStatus.Confirmed], claims);
    }

    [Fact]
    public async Task A_full_event_offers_join_the_waitlist_on_the_card_and_it_joins()
    {
        var benefit = await Db.AddEventAsync(capacity: 1);
        var (_, other) = await Db.AddMemberAsync("Sam Taylor");
        var taken = await Db.Get<BookingService>()
            .BookAsync(other!, benefit.Id, new BookingRequest(), Xunit.TestContext.Current.CancellationToken);
        Assert.True(taken.Succeeded, taken.Message);
        var (cut, memberId) = await RenderForNewMemberAsync();

        var join = CardOf(cut, benefit.Id).QuerySelector("button.benefit-card-action")!;
        Assert.Equal("Join the waitlist", join.TextContent.Trim());
        join.Click();

        cut.WaitForAssertion(() => Assert.Contains("On the waitlist", CardOf(cut, benefit.Id).TextContent));
        Assert.Equal(1, await BookingsOfAsync(memberId, benefit.Id));
    }

    [Fact]
    public async Task Guidance_asks_for_a_time_on_its_page_instead_of_booking_blind()
    {
        var (benefit, _) = await Db.AddGuidanceAsync();
        var (cut, memberId) = await RenderForNewMemberAsync();

        var choose = CardOf(cut, benefit.Id).QuerySelector(".benefit-card-action")!;
        Assert.Equal("a", choose.TagName.ToLowerInvariant());
        Assert.Equal("Choose a time", choose.TextContent.Trim());
        Assert.Equal($"/me/benefits/{benefit.Id}", choose.GetAttribute("href"));
        Assert.Equal(0, await BookingsOfAsync(memberId, benefit.Id));
    }
}
