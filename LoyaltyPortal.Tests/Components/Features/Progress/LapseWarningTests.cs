using Bunit;
using LoyaltyPortal.Features.Progress;
using static LoyaltyPortal.Tests.Components.Features.Progress.TierCards;

namespace LoyaltyPortal.Tests.Components.Features.Progress;

public sealed class LapseWarningTests : PortalTestContext
{
    private IRenderedComponent<LapseWarning> RenderWarning(TierProgress tier) => Render<LapseWarning>(p => p.Add(c => c.Tier, tier));

    [Fact]
    public void Says_how_many_points_keep_the_tier_by_when_and_where_it_would_drop_to()
    {
        var text = RenderWarning(Lapsing(pointsToKeep: 120)).Find(".mud-alert").TextContent;

        Assert.Contains("Keep your Silver status.", text);
        Assert.Contains("Earn 120 more points by 30 Dec 2026", text);
        Assert.Contains("you'll move to Member.", text);
    }

    [Fact]
    public void One_point_to_keep_reads_in_the_singular()
    {
        Assert.Contains("Earn 1 more point by", RenderWarning(Lapsing(pointsToKeep: 1)).Markup);
    }

    [Fact]
    public void Shows_nothing_until_the_warning_is_due()
    {
        Assert.Empty(RenderWarning(Lapsing(warn: false)).Markup.Trim());
    }
}
