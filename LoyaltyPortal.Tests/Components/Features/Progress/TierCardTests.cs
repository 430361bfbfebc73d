using Bunit;
using LoyaltyPortal.Features.Progress;
using static LoyaltyPortal.Tests.Components.Features.Progress.TierCards;

namespace LoyaltyPortal.Tests.Components.Features.Progress;

public sealed class TierCardTests : PortalTestContext
{
    private IRenderedComponent<TierCard> RenderCard(TierProgress tier) => Render<TierCard>(p => p.Add(c => c.Tier, tier));

    [Fact]
    public void A_near_goal_reads_in_visits()
    {
        Assert.Equal("2 visits to go", RenderCard(Tier(points: 285, visitsToGo: 2)).Find(".to-go").TextContent.Trim());
    }

    [Fact]
    public void One_visit_away_reads_in_the_singular()
    {
        Assert.Equal("1 visit to go", RenderCard(Tier(points: 299, visitsToGo: 1)).Find(".to-go").TextContent.Trim());
    }

    [Fact]
    public void A_far_goal_reads_in_points()
    {
        Assert.Equal("250 points to go", RenderCard(Tier(points: 50)).Find(".to-go").TextContent.Trim());
    }

    [Fact]
    public void The_ring_carries_the_summary_for_screen_readers()
    {
        var tier = Tier(points: 50);

        var ring = RenderCard(tier).Find("[role=progressbar]");

        Assert.Equal(("Progress to Silver", TestText.For<ProgressText>().TierSummary(tier)), (ring.GetAttribute("aria-label"), ring.GetAttribute("aria-valuetext")));
    }

    [Fact]
    public void The_top_tier_says_so_instead_of_a_distance()
    {
        var cut = RenderCard(new TierProgress(Gold, null, 900, 1000, 0, 100, null, null, 0, false, null, null));

        Assert.Contains("You're in our top tier.", cut.Find(".mud-paper").TextContent);
        Assert.Empty(cut.FindAll(".to-go"));
    }

    [Fact]
    public void A_tier_not_yet_at_risk_says_until_when_it_is_kept()
    {
        Assert.Contains("Silver is yours until at least 30 Dec 2026.", RenderCard(Lapsing(warn: false)).Find(".mud-paper").TextContent);
    }
}
