using System.Globalization;
using System.Text;

namespace LoyaltyPortal.Components.Shared.Charts;

/// <summary>A chart in words: values as people read them, and the summary a screen reader announces for the canvas.</summary>
public static class ChartText
{
    private const int SeriesInSummary = 4;
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static string Format(double value, ChartValueFormat format) => format switch
    {
        ChartValueFormat.Decimal => value.ToString("#,##0.##", Culture),
        ChartValueFormat.Percent => value.ToString("0.#%", Culture),
        ChartValueFormat.Currency => value.ToString("C", Culture),
        _ => value.ToString("N0", Culture),
    };

    public static string KindName(ChartSpec spec) => spec.Kind switch
    {
        ChartKind.Line => "Line chart",
        ChartKind.Bar => spec.Stacked ? "Stacked bar chart" : "Bar chart",
        ChartKind.Doughnut => "Doughnut chart",
        _ => "Scatter chart",
    };

    /// <summary>E.g. "Line chart, Weekly active members. Week: 5 Jan 2026 to 23 Mar 2026, 12 points. Active members: lowest 3, highest 41, last 38."</summary>
    public static string Summary(ChartSpec spec, ChartData? data)
    {
        var text = new StringBuilder($"{KindName(spec)}, {spec.Title}.");
        if (data is null) return text.Append(" Loading.").ToString();
        if (data.IsEmpty) return text.Append(" No data.").ToString();

        if (spec.Kind == ChartKind.Scatter)
        {
            var points = data.Points.SelectMany(s => s.Points).ToList();
            text.Append($" {points.Count} points in {Count(data.Points.Count, "series", "series")}.");
            text.Append($" {spec.XAxisTitle ?? "X"} from {Format(points.Min(p => p.X), spec.XValueFormat)} to {Format(points.Max(p => p.X), spec.XValueFormat)};");
            text.Append($" {spec.YAxisTitle ?? "Y"} from {Format(points.Min(p => p.Y), spec.Format)} to {Format(points.Max(p => p.Y), spec.Format)}.");
            return text.ToString();
        }

        if (spec.Kind == ChartKind.Doughnut && data.Series.FirstOrDefault() is { } slices)
        {
            var parts = data.Labels.Zip(slices.Values).Take(SeriesInSummary * 2).Select(p => $"{p.First} {Format(p.Second, spec.Format)}");
            return text.Append(' ').Append(string.Join(", ", parts)).Append('.').ToString();
        }

        var axis = spec.XAxisTitle is null ? "" : spec.XAxisTitle + ": ";
        text.Append($" {axis}{data.Labels[0]} to {data.Labels[^1]}, {Count(data.Labels.Count, "point", "points")}.");
        foreach (var series in data.Series.Where(s => s.Values.Count > 0).Take(SeriesInSummary))
        {
            text.Append($" {series.Label}: lowest {Format(series.Values.Min(), spec.Format)}, highest {Format(series.Values.Max(), spec.Format)}, last {Format(series.Values[^1], spec.Format)}.");
        }
        if (data.Series.Count > SeriesInSummary)
        {
            text.Append($" And {Count(data.Series.Count - SeriesInSummary, "more series", "more series")}; show the chart as a table for every value.");
        }
        return text.ToString();
    }

    /// <summary>The CSV's file name: the spec's, or the title in lower case with dashes, e.g. "weekly-active-members.csv".</summary>
    public static string FileName(ChartSpec spec)
    {
        var source = spec.FileName ?? spec.Title;
        var slug = new StringBuilder(source.Length);
        foreach (var c in source.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var name = slug.ToString().Trim('-');
        return (name.Length == 0 ? "chart" : name) + ".csv";
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
