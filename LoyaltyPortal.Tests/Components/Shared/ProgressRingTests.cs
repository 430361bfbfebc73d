using Bunit;
using LoyaltyPortal.Components.Shared;

namespace LoyaltyPortal.Tests.Components.Shared;

public sealed class ProgressRingTests : PortalTestContext
{
    [Fact]
    public void Tells_screen_readers_the_progress_in_words()
    {
        var cut = Render<ProgressRing>(p => p.Add(r => r.Percent, 16).Add(r => r.Label, "Progress to Silver")
            .Add(r => r.ValueText, "50 of 300 points to Silver, 16%. 250 to go."));

        var ring = cut.Find("[role=progressbar]");
        Assert.Equal(("Progress to Silver", "16", "50 of 300 points to Silver, 16%. 250 to go."),
            (ring.GetAttribute("aria-label"), ring.GetAttribute("aria-valuenow"), ring.GetAttribute("aria-valuetext")));
        Assert.Equal("true", cut.Find("svg").GetAttribute("aria-hidden"));
    }

    [Theory]
    [InlineData(-5, "0")]
    [InlineData(140, "100")]
    public void Keeps_the_value_between_0_and_100(int percent, string shown)
    {
        var cut = Render<ProgressRing>(p => p.Add(r => r.Percent, percent).Add(r => r.Label, "Progress").Add(r => r.ValueText, "x"));

        Assert.Equal(shown, cut.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void Fills_the_arc_in_proportion()
    {
        var half = Render<ProgressRing>(p => p.Add(r => r.Percent, 50).Add(r => r.Label, "Progress").Add(r => r.ValueText, "x"));

        Assert.Contains("stroke-dashoffset:163.36", half.Find(".progress-ring-value").GetAttribute("style"));
    }
}
