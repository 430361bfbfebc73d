using Bunit;
using LoyaltyPortal.Components.Shared;

namespace LoyaltyPortal.Tests.Components.Shared;

public sealed class ProgressRingRenderTests : PortalTestContext
{
    private IRenderedComponent<ProgressRing> RenderRing(int percent) => Render<ProgressRing>(p => p
        .Add(r => r.Percent, percent).Add(r => r.Label, "Progress to Silver").Add(r => r.ValueText, "50 of 300 points to Silver, 16%."));

    [Fact]
    public void Tells_screen_readers_what_it_measures_and_the_value_in_words()
    {
        var ring = RenderRing(16).Find("[role=progressbar]");

        Assert.Equal(("Progress to Silver", "16", "50 of 300 points to Silver, 16%."),
            (ring.GetAttribute("aria-label"), ring.GetAttribute("aria-valuenow"), ring.GetAttribute("aria-valuetext")));
    }

    [Fact]
    public void Runs_from_zero_to_a_hundred()
    {
        var ring = RenderRing(16).Find("[role=progressbar]");

        Assert.Equal(("0", "100"), (ring.GetAttribute("aria-valuemin"), ring.GetAttribute("aria-valuemax")));
    }

    [Theory]
    [InlineData(150, "100")]
    [InlineData(-5, "0")]
    public void Clamps_a_value_outside_zero_to_a_hundred(int percent, string shown)
    {
        var ring = RenderRing(percent).Find("[role=progressbar]");

        Assert.Equal((shown, shown), (ring.GetAttribute("aria-valuenow"), ring.GetAttribute("data-percent")));
    }

    [Fact]
    public void Hides_the_drawing_from_screen_readers()
    {
        Assert.Equal("true", RenderRing(16).Find("svg").GetAttribute("aria-hidden"));
    }
}
