using LoyaltyPortal.Features.Progress;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>When an achievement's rule is met, from activity times alone. The window is half-open: (t − days, t].</summary>
public sealed class AchievementRuleTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);

    private static DateTime[] Days(params double[] days) => days.Select(d => Start.AddDays(d)).ToArray();

    [Fact]
    public void The_target_is_met_at_the_nth_activity()
    {
        Assert.Equal(Start.AddDays(5), AchievementRule.FirstMetAt(Days(0, 2, 5, 9), target: 3, windowDays: null));
    }

    [Fact]
    public void Fewer_activities_than_the_target_never_meet_it()
    {
        Assert.Null(AchievementRule.FirstMetAt(Days(0, 2), target: 3, windowDays: null));
    }

    [Fact]
    public void A_target_of_one_is_met_at_the_first_activity()
    {
        Assert.Equal(Start, AchievementRule.FirstMetAt(Days(0, 4), target: 1, windowDays: 7));
    }

    [Fact]
    public void Activities_spread_wider_than_the_window_never_meet_it()
    {
        // Any 30 days hold at most two of these.
        Assert.Null(AchievementRule.FirstMetAt(Days(0, 20, 40, 60, 80), target: 4, windowDays: 30));
    }

    [Fact]
    public void An_activity_exactly_window_days_earlier_is_outside_the_window()
    {
        Assert.Null(AchievementRule.FirstMetAt(Days(0, 15, 30), target: 3, windowDays: 30));
    }

    [Fact]
    public void An_activity_a_moment_less_than_window_days_earlier_is_inside_the_window()
    {
        Assert.Equal(Start.AddDays(30), AchievementRule.FirstMetAt([Start.AddTicks(1), Start.AddDays(15), Start.AddDays(30)], target: 3, windowDays: 30));
    }

    [Fact]
    public void With_a_window_the_target_is_met_at_the_first_activity_that_closes_a_full_window()
    {
        // Windows ending at 40 and 50 hold two each; the one ending at 55 holds 30, 40, 50 and 55.
        Assert.Equal(Start.AddDays(55), AchievementRule.FirstMetAt(Days(0, 30, 40, 50, 55, 56), target: 4, windowDays: 30));
    }

    [Fact]
    public void The_order_of_the_times_does_not_matter()
    {
        Assert.Equal(Start.AddDays(55), AchievementRule.FirstMetAt(Days(56, 0, 55, 40, 30, 50), target: 4, windowDays: 30));
    }

    [Fact]
    public void Counting_now_takes_only_the_window_ending_now()
    {
        var now = Start.AddDays(30);

        Assert.Equal(2, AchievementRule.CountNow(Days(0, 10, 30, 31), windowDays: 30, now));
    }

    [Fact]
    public void Counting_now_without_a_window_takes_everything_up_to_now()
    {
        Assert.Equal(3, AchievementRule.CountNow(Days(-400, 0, 30, 31), windowDays: null, Start.AddDays(30)));
    }
}
