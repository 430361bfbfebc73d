using System.Text;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Components.Shared.Charts;

/// <summary>
/// A chart in words: values as people read them (the reader's number conventions, amounts in the programme's
/// currency), and the summary a screen reader announces for the canvas, in the reader's language.
/// </summary>
public static class ChartText
{
    private const int SeriesInSummary = 4;

    public static string Format(double value, ChartValueFormat format) => format switch
    {
        ChartValueFormat.Decimal => value.ToString("#,##0.##", ReaderCulture.Current),
        ChartValueFormat.Percent => value.ToString("0.#%", ReaderCulture.Current),
        ChartValueFormat.Currency => ActivityText.Amount((decimal)value),
        _ => value.ToString("N0", ReaderCulture.Current),
    };

    public static string KindName(IStringLocalizer<SharedText> text, ChartSpec spec) => spec.Kind switch
    {
        ChartKind.Line => text["Line chart"],
        ChartKind.Bar => spec.Stacked ? text["Stacked bar chart"] : text["Bar chart"],
        ChartKind.Doughnut => text["Doughnut chart"],
        _ => text["Scatter chart"],
    };

    /// <summary>E.g. "Line chart, Weekly active members. Week: 5 Jan 2026 to 23 Mar 2026, 12 points. Active members: lowest 3, highest 41, last 38."</summary>
    public static string Summary(IStringLocalizer<SharedText> text, ChartSpec spec, ChartData? data)
    {
        var summary = new StringBuilder($"{KindName(text, spec)}, {spec.Title}.");
        if (data is null) return summary.Append(' ').Append(text["Loading."]).ToString();
        if (data.IsEmpty) return summary.Append(' ').Append(text["No data."]).ToString();

        if (spec.Kind == ChartKind.Scatter)
        {
            var points = data.Points.SelectMany(s => s.Points).ToList();
            summary.Append(' ').Append(Count(text, points.Count, data.Points.Count));
            summary.Append(' ').Append(text["{0} from {1} to {2};", spec.XAxisTitle ?? "X",
                Format(points.Min(p => p.X), spec.XValueFormat), Format(points.Max(p => p.X), spec.XValueFormat)]);
            summary.Append(' ').Append(text["{0} from {1} to {2}.", spec.YAxisTitle ?? "Y",
                Format(points.Min(p => p.Y), spec.Format), Format(points.Max(p => p.Y), spec.Format)]);
            return summary.ToString();
        }

        if (spec.Kind == ChartKind.Doughnut && data.Series.FirstOrDefault() is { } slices)
        {
            var parts = data.Labels.Zip(slices.Values).Take(SeriesInSummary * 2).Select(p => $"{p.First} {Format(p.Second, spec.Format)}");
            return summary.Append(' ').Append(string.Join(", ", parts)).Append('.').ToString();
        }

        var axis = spec.XAxisTitle is null ? "" : spec.XAxisTitle + ": ";
        summary.Append(' ').Append(data.Labels.Count == 1
            ? text["{0}{1} to {2}, 1 point.", axis, data.Labels[0], data.Labels[^1]]
            : text["{0}{1} to {2}, {3} points.", axis, data.Labels[0], data.Labels[^1], data.Labels.Count]);
        foreach (var series in data.Series.Where(s => s.Values.Count > 0).Take(SeriesInSummary))
        {
            summary.Append(' ').Append(text["{0}: lowest {1}, highest {2}, last {3}.", series.Label,
                Format(series.Values.Min(), spec.Format), Format(series.Values.Max(), spec.Format), Format(series.Values[^1], spec.Format)]);
        }
        if (data.Series.Count > SeriesInSummary)
        {
            summary.Append(' ').Append(text["And {0} more series; show the chart as a table for every value.", data.Series.Count - SeriesInSummary]);
        }
        return summary.ToString();
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

    private static string Count(IStringLocalizer<SharedText> text, int points, int series) => points == 1
        ? text["1 point in {0} series.", series]
        : text["{0} points in {1} series.", points, series];
}
