using LoyaltyPortal.Components.Layout;
using LoyaltyPortal.Components.Shared.Charts;
using MudBlazor.Utilities;

namespace LoyaltyPortal.Tests.Components.Shared.Charts;

public sealed class ChartTextTests
{
    [Theory]
    [InlineData("Weekly active members", null, "weekly-active-members.csv")]
    [InlineData("Activities by type", "activities-by-type-2026-01-05-to-2026-03-29", "activities-by-type-2026-01-05-to-2026-03-29.csv")]
    [InlineData("Spend / visit (£)", null, "spend-visit.csv")]
    [InlineData("£££", null, "chart.csv")]
    public void File_names_are_the_title_or_given_name_in_lower_case_with_dashes(string title, string? fileName, string expected)
    {
        Assert.Equal(expected, ChartText.FileName(new ChartSpec(ChartKind.Bar, title) { FileName = fileName }));
    }

    [Theory]
    [InlineData(1234.0, ChartValueFormat.Integer, "1,234")]
    [InlineData(12.345, ChartValueFormat.Decimal, "12.35")]
    [InlineData(0.256, ChartValueFormat.Percent, "25.6%")]
    [InlineData(35.5, ChartValueFormat.Currency, "£35.50")]
    public void Values_read_in_the_chart_format(double value, ChartValueFormat format, string expected)
    {
        Assert.Equal(expected, ChartText.Format(value, format));
    }

    [Fact]
    public void The_summary_of_many_series_names_the_first_four_and_points_to_the_table()
    {
        var series = Enumerable.Range(1, 6).Select(i => new ChartSeries($"Type {i}", [i, i * 2])).ToArray();
        var spec = new ChartSpec(ChartKind.Bar, "Activities by type") { Stacked = true };

        var summary = ChartText.Summary(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), spec, ChartData.Categories(["5 Jan", "12 Jan"], series));

        Assert.StartsWith("Stacked bar chart, Activities by type. 5 Jan to 12 Jan, 2 points. Type 1: lowest 1, highest 2, last 2.", summary);
        Assert.DoesNotContain("Type 5", summary);
        Assert.EndsWith("And 2 more series; show the chart as a table for every value.", summary);
    }

    [Fact]
    public void A_scatter_summary_gives_each_axis_its_range_in_its_own_format()
    {
        var spec = new ChartSpec(ChartKind.Scatter, "Spend against visits")
        {
            XAxisTitle = "Visits", YAxisTitle = "Spend", XFormat = ChartValueFormat.Integer, Format = ChartValueFormat.Currency,
        };

        var summary = ChartText.Summary(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), spec, ChartData.Scatter(new ScatterSeries("Leeds", [new(2, 40), new(5, 120.5)])));

        Assert.Equal("Scatter chart, Spend against visits. 2 points in 1 series. Visits from 2 to 5; Spend from £40.00 to £120.50.", summary);
    }

    [Fact]
    public void The_summary_says_when_there_is_nothing_to_show()
    {
        var spec = new ChartSpec(ChartKind.Line, "Weekly active members");

        Assert.Equal("Line chart, Weekly active members. Loading.", ChartText.Summary(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), spec, null));
        Assert.Equal("Line chart, Weekly active members. No data.", ChartText.Summary(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), spec, ChartData.Categories(["5 Jan"])));
    }

    [Fact]
    public void Every_series_colour_has_three_to_one_contrast_on_light_and_dark_surfaces()
    {
        var grounds = new[]
        {
            PortalTheme.Theme.PaletteLight.Surface, PortalTheme.Theme.PaletteLight.Background,
            PortalTheme.Theme.PaletteDark.Surface, PortalTheme.Theme.PaletteDark.Background,
        };

        var weak = from colour in ChartConfig.SeriesColours
                   from ground in grounds
                   let ratio = Contrast(new MudColor(colour), ground)
                   where ratio < 3
                   select $"{colour} on {ground}: {ratio:F2}";

        Assert.Empty(weak);
    }

    private static double Contrast(MudColor a, MudColor b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(MudColor c)
    {
        static double Channel(byte v) => v / 255.0 is var s && s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        return 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
    }
}
