using LoyaltyPortal.Components.Shared.Charts;

namespace LoyaltyPortal.Tests.Components.Shared.Charts;

public sealed class ChartCsvTests
{
    private static readonly ChartSpec Bars = new(ChartKind.Bar, "Activities by type") { XAxisTitle = "Week starting" };

    [Fact]
    public void Category_charts_write_a_row_per_label_and_a_column_per_series()
    {
        var csv = ChartCsv.Write(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), Bars, ChartData.Categories(["5 Jan", "12 Jan"], new ChartSeries("Visit", [3, 4]), new ChartSeries("Purchase", [1.5, 0])));

        Assert.Equal("Week starting,Visit,Purchase\r\n5 Jan,3,1.5\r\n12 Jan,4,0\r\n", csv);
    }

    [Fact]
    public void Csv_labels_replace_abbreviated_axis_labels_so_rows_keep_their_year()
    {
        var data = ChartData.Categories(["5 Jan", "12 Jan"], new ChartSeries("Visit", [3, 4])) with { CsvLabels = ["2026-01-05", "2026-01-12"] };

        Assert.Equal("Week starting,Visit\r\n2026-01-05,3\r\n2026-01-12,4\r\n", ChartCsv.Write(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), Bars, data));
    }

    [Fact]
    public void Engagement_csv_weeks_carry_their_year_while_the_axis_stays_short()
    {
        var filter = new LoyaltyPortal.Features.Insights.InsightsFilter(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 18));
        var report = new LoyaltyPortal.Features.Insights.EngagementReport(
            [new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16)], [4, 5, null],
            [new(LoyaltyPortal.Data.ActivityType.Visit, [1, 2, 3])], DateTime.UtcNow);

        var (active, byType) = LoyaltyPortal.Features.Insights.EngagementSection.ToCharts(TestText.For<LoyaltyPortal.Features.Insights.InsightsText>(), TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), filter, report);

        Assert.Equal(["2 Nov", "9 Nov"], active.Labels);
        Assert.StartsWith("Week starting,Active members\r\n2026-11-02,4\r\n2026-11-09,5\r\n", ChartCsv.Write(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), Bars, active));
        Assert.Contains("2026-11-16 (partial),3", ChartCsv.Write(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), Bars, byType));
    }

    [Fact]
    public void Commas_quotes_and_line_breaks_are_quoted()
    {
        var csv = ChartCsv.Write(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), Bars, ChartData.Categories(["Smith, \"Jo\"", "two\nlines"], new ChartSeries("Visits", [1, 2])));

        Assert.Equal("Week starting,Visits\r\n\"Smith, \"\"Jo\"\"\",1\r\n\"two\nlines\",2\r\n", csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Plain text", "Plain text")]
    [InlineData("a=b", "a=b")]
    public void Text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(string label, string written)
    {
        var csv = ChartCsv.Write(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), Bars, ChartData.Categories([label], new ChartSeries("=Series", [1])));

        Assert.Equal($"Week starting,'=Series\r\n{written},1\r\n", csv);
    }

    [Fact]
    public void Negative_and_fractional_numbers_stay_numbers_in_invariant_form()
    {
        var csv = ChartCsv.Write(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), Bars, ChartData.Categories(["Change"], new ChartSeries("Delta", [-3.25])));

        Assert.Equal("Week starting,Delta\r\nChange,-3.25\r\n", csv);
    }

    [Fact]
    public void Scatter_charts_write_a_row_per_point()
    {
        var spec = new ChartSpec(ChartKind.Scatter, "Spend against visits") { XAxisTitle = "Visits", YAxisTitle = "Spend" };

        var csv = ChartCsv.Write(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), spec, ChartData.Scatter(new ScatterSeries("Covent Garden", [new(2, 40.5, "Ann"), new(5, 120)])));

        Assert.Equal("Series,Label,Visits,Spend\r\nCovent Garden,Ann,2,40.5\r\nCovent Garden,,5,120\r\n", csv);
    }
}
