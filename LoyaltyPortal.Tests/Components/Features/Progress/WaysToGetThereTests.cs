using Bunit;
using LoyaltyPortal.Features.Progress;
using static LoyaltyPortal.Tests.Components.Features.Progress.TierCards;

namespace LoyaltyPortal.Tests.Components.Features.Progress;

/// <summary>"Ways to get there" on My progress: suggestions toward the next tier, and none at the top tier.</summary>
public sealed class WaysToGetThereTests : PortalTestContext
{
    private static readonly ProgressSuggestion Fitting = new("Shoe fitting evening", 40, "4 seats left", "/me/benefits/1", "");

    [Fact]
    public void Below_the_top_tier_it_lists_ways_to_the_next()
    {
        var panel = Render<WaysToGetThere>(p => p.Add(w => w.Tier, Tier(points: 50)).Add(w => w.Suggestions, [Fitting]));

        Assert.Contains("Ways to get there", panel.Markup);
        Assert.Contains("Shoe fitting evening: +40", panel.Find(".suggestion-list").TextContent);
    }

    [Fact]
    public void At_the_top_tier_it_shows_nothing()
    {
        var top = new TierProgress(Gold, null, 0, 1200, 0, 100, null, null, 0, false, null, "Members-only evenings.");

        var panel = Render<WaysToGetThere>(p => p.Add(w => w.Tier, top).Add(w => w.Suggestions, [Fitting]));

        Assert.Equal("", panel.Markup.Trim());
    }
}
