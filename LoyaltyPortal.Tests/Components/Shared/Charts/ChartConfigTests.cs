using LoyaltyPortal.Components.Shared.Charts;

namespace LoyaltyPortal.Tests.Components.Shared.Charts;

/// <summary>What charts.js receives for a scatter whose Y values are whole numbers.</summary>
public sealed class ChartConfigTests
{
    private static readonly ChartSpec Counts = new(ChartKind.Scatter, "Spend against visits") { XMin = 0, YMin = 0, YJitter = 0.3 };

    private static ChartData Rows(int points) => ChartData.Scatter(
        new ScatterSeries("Members", Enumerable.Range(1, points).Select(i => new ScatterPoint(i * 10, i % 3, Key: 1_000 + i)).ToList()));

    private static IReadOnlyList<double> DrawnY(ChartSpec spec, ChartData data) =>
        ChartConfig.From(spec, data, dark: false).Points.Single().Points.Select(p => p.Y).ToList();

    [Fact]
    public void Scatter_config_carries_the_axis_minimums()
    {
        var config = ChartConfig.From(Counts, Rows(3), dark: false);
        var auto = ChartConfig.From(Counts with { XMin = null, YMin = null }, Rows(3), dark: false);

        Assert.Equal((0d, 0d), (config.XMin, config.YMin));
        Assert.Equal((null, null), (auto.XMin, auto.YMin));
    }

    [Fact]
    public void Scatter_jitter_is_bounded_deterministic_and_spreads_whole_number_rows()
    {
        var data = Rows(300);
        var truth = data.Points.Single().Points;

        var drawn = DrawnY(Counts, data);

        Assert.Equal(drawn, DrawnY(Counts, Rows(300)));
        Assert.All(truth.Zip(drawn), p => Assert.InRange(p.Second - p.First.Y, -0.3, 0.3));
        Assert.True(drawn.Distinct().Count() > 250, "points on the same whole number no longer share one row");
        Assert.Equal(truth.Select(p => p.X), ChartConfig.From(Counts, data, dark: false).Points.Single().Points.Select(p => p.X));
    }

    [Fact]
    public void Scatter_jitter_keeps_points_on_the_bottom_row_above_the_axis_minimum()
    {
        var drawn = DrawnY(Counts, Rows(300));

        Assert.All(drawn, y => Assert.True(y >= 0, $"{y} is below the axis"));
        Assert.Contains(drawn, y => y is > 0 and < 0.3);
    }

    [Fact]
    public void A_point_keeps_its_jitter_when_other_points_change()
    {
        var alone = ChartData.Scatter(new ScatterSeries("Members", [new ScatterPoint(50, 2, Key: 42)]));
        var crowded = ChartData.Scatter(new ScatterSeries("Members", [new ScatterPoint(10, 1, Key: 7), new ScatterPoint(50, 2, Key: 42)]));

        Assert.Equal(DrawnY(Counts, alone)[0], DrawnY(Counts, crowded)[1]);
    }

    [Fact]
    public void Without_jitter_the_points_are_drawn_where_they_are()
    {
        var data = Rows(5);

        Assert.Equal(data.Points.Single().Points.Select(p => p.Y), DrawnY(Counts with { YJitter = 0 }, data));
    }
}
