using LoyaltyPortal.Features.Progress;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Tier maths at the edges: thresholds, the rolling window and the grace period.</summary>
public sealed class StandingCalculatorTests
{
    private static readonly TierStep Member = new(1, "Member", 0, 0), Silver = new(2, "Silver", 300, 1), Gold = new(3, "Gold", 900, 2);
    private static readonly TierStep[] Tiers = [Member, Silver, Gold];
    private static readonly DateTime Now = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    private static Standing Compute(DateTime now, params EarnedPoints[] earned) => StandingCalculator.Compute(earned, Tiers, now, windowMonths: 12, graceDays: 30);

    [Theory]
    [InlineData(299, 1)]
    [InlineData(300, 2)]
    [InlineData(899, 2)]
    [InlineData(900, 3)]
    public void A_tier_is_reached_exactly_at_its_threshold_and_not_one_point_below(int points, int tierId)
    {
        var standing = Compute(Now, new EarnedPoints(Now.AddDays(-10), points));

        Assert.Equal((points, tierId, tierId), (standing.PointsInWindow, standing.HeldTierId, standing.QualifiedTierId));
    }

    [Fact]
    public void Points_age_out_of_the_rolling_window_exactly_twelve_months_on()
    {
        var earnedAt = Now.AddMonths(-12);
        Assert.Equal(0, Compute(Now, new EarnedPoints(earnedAt, 300)).PointsInWindow);
        Assert.Equal(300, Compute(Now.AddTicks(-1), new EarnedPoints(earnedAt, 300)).PointsInWindow);
    }

    [Fact]
    public void A_member_keeps_the_tier_through_the_grace_period_then_drops()
    {
        // 300 points earned 12 months and 10 days ago aged out 10 days ago: in grace until day 30.
        var earned = new EarnedPoints(Now.AddMonths(-12).AddDays(-10), 300);

        var inGrace = Compute(Now, earned);
        Assert.Equal((0, Silver.Id, Member.Id), (inGrace.PointsInWindow, inGrace.HeldTierId, inGrace.QualifiedTierId));
        Assert.Equal(earned.OccurredAt.AddMonths(12).AddDays(30), inGrace.DropsAt);

        Assert.Equal(Silver.Id, Compute(inGrace.DropsAt!.Value.AddTicks(-1), earned).HeldTierId);
        Assert.Equal(Member.Id, Compute(inGrace.DropsAt!.Value, earned).HeldTierId);
    }

    [Fact]
    public void The_drop_date_is_when_enough_points_age_out_plus_the_grace_period()
    {
        EarnedPoints older = new(Now.AddMonths(-10), 200), newer = new(Now.AddMonths(-2), 150);

        var standing = Compute(Now, older, newer);

        Assert.Equal((350, Silver.Id), (standing.PointsInWindow, standing.HeldTierId));
        Assert.Equal(older.OccurredAt.AddMonths(12).AddDays(30), standing.DropsAt);
    }

    [Fact]
    public void The_entry_tier_never_drops()
    {
        Assert.Null(Compute(Now, new EarnedPoints(Now.AddDays(-1), 50)).DropsAt);
        Assert.Equal(Member.Id, Compute(Now).HeldTierId);
    }
}
