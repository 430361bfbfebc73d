using Bunit;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Tests.Components.Shared;

public sealed class ActivityTimelineTests : PortalTestContext
{
    [Fact]
    public void Points_show_their_sign_so_a_refund_reads_minus_not_plus_minus()
    {
        var at = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        var cut = Render<ActivityTimeline>(p => p.Add(c => c.ShowPoints, true).Add(c => c.Items,
        [
            new ActivityLine(2, ActivityType.Refund, at, "Covent Garden", -1250m, null, -1250),
            new ActivityLine(1, ActivityType.Purchase, at, "Covent Garden", 1250m, null, 1250),
        ]));

        Assert.Equal(["-1,250", "+1,250"], cut.FindAll("strong").Select(s => s.TextContent));
    }
}
