using LoyaltyPortal.Features.Insights;

namespace LoyaltyPortal.Tests.Features.Insights;

public sealed class InsightsFilterTests
{
    private static readonly DateOnly Today = new(2026, 11, 20); // a Friday

    [Fact]
    public void Default_is_the_last_twelve_whole_iso_weeks_up_to_last_sunday()
    {
        var filter = InsightsFilter.Default(Today);

        Assert.Equal(new InsightsFilter(new(2026, 8, 24), new(2026, 11, 15)), filter);
        Assert.Equal(12, filter.Weeks().Count);
        Assert.DoesNotContain(filter.Weeks(), filter.IsPartial);
    }

    [Fact]
    public void Weeks_cut_by_either_end_of_the_range_are_partial()
    {
        var filter = new InsightsFilter(new(2026, 11, 3), new(2026, 11, 20));

        Assert.Equal([true, false, true], filter.Weeks().Select(filter.IsPartial));
    }

    [Fact]
    public void Query_values_are_read_when_valid()
    {
        var filter = InsightsFilter.FromQuery("3", "2", "2026-01-07", "2026-03-31", Today);

        Assert.Equal(new InsightsFilter(new(2026, 1, 7), new(2026, 3, 31), 3, 2), filter);
    }

    [Theory]
    [InlineData("abc", "-1", "2026-13-01", "2026-03-31")]
    [InlineData("0", "99999999999", "2026-03-31", "2026-01-07")]   // from after to
    [InlineData(null, "1.5", "2026-01-07", "2026-12-01")]          // ends after today
    [InlineData(" 3", "", "2020-01-06", "2026-11-20")]             // longer than the maximum
    [InlineData("<script>", null, "07/01/2026", null)]
    public void Invalid_query_values_fall_back_to_defaults(string? store, string? tier, string? from, string? to)
    {
        var filter = InsightsFilter.FromQuery(store, tier, from, to, Today);

        Assert.Equal(InsightsFilter.Default(Today), filter);
    }

    [Fact]
    public void Query_string_leaves_out_the_default_range_and_round_trips_any_other()
    {
        var custom = new InsightsFilter(new(2026, 1, 7), new(2026, 3, 31), 3, null);

        var defaults = InsightsFilter.Default(Today).ToQuery(Today);
        var query = custom.ToQuery(Today);

        Assert.Null(defaults["from"]);
        Assert.Null(defaults["to"]);
        Assert.Equal(custom, InsightsFilter.FromQuery(query["store"]?.ToString(), query["tier"]?.ToString(), (string?)query["from"], (string?)query["to"], Today));
    }

    [Fact]
    public void Range_problems_are_explained()
    {
        Assert.Equal("The start date must be on or before the end date.", InsightsFilter.RangeProblem(Today, Today.AddDays(-1), Today));
        Assert.Equal("The range can't end after today.", InsightsFilter.RangeProblem(Today, Today.AddDays(1), Today));
        Assert.Equal("Choose a range of at most 104 weeks.", InsightsFilter.RangeProblem(Today.AddYears(-3), Today, Today));
        Assert.Null(InsightsFilter.RangeProblem(Today, Today, Today));
    }

    [Fact]
    public void Unknown_store_and_tier_are_dropped_from_a_filter()
    {
        var options = new InsightsOptions([new(1, "Bath")], [new(5, "Member")]);

        var known = options.Known(new InsightsFilter(Today, Today, StoreId: 9, TierId: 5));

        Assert.Equal(new InsightsFilter(Today, Today, null, 5), known);
    }
}
