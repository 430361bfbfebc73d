namespace LoyaltyPortal.Components.Shared.Charts;

public enum ChartKind { Line, Bar, Doughnut, Scatter }

/// <summary>How values read in tooltips, axes, the table and the summary. Percent values are fractions (0.25 is 25%).</summary>
public enum ChartValueFormat { Integer, Decimal, Percent, Currency }

/// <summary>What a chart is, apart from its data. A record, so an unchanged spec compares equal across renders.</summary>
public sealed record ChartSpec(ChartKind Kind, string Title)
{
    public string? XAxisTitle { get; init; }
    public string? YAxisTitle { get; init; }

    /// <summary>Bars (or line areas) of the series stack on each other instead of standing side by side.</summary>
    public bool Stacked { get; init; }

    public ChartValueFormat Format { get; init; } = ChartValueFormat.Integer;

    /// <summary>Scatter charts only: the X values' format, when it differs from <see cref="Format"/> (the Y values').</summary>
    public ChartValueFormat? XFormat { get; init; }

    public ChartValueFormat XValueFormat => XFormat ?? Format;

    /// <summary>Where the axes start; null lets the chart choose (scatter charts then pad below the lowest value).</summary>
    public double? XMin { get; init; }
    public double? YMin { get; init; }

    /// <summary>
    /// Scatter charts only: the most each drawn point moves up or down, so points on whole numbers don't pile into
    /// rows. Keep it under 0.5: integer tooltips then still round to the true value. The table and CSV are not moved.
    /// </summary>
    public double YJitter { get; init; }

    /// <summary>The downloaded CSV's name without ".csv"; the title, in lower case with dashes, when not set.</summary>
    public string? FileName { get; init; }
}

/// <summary>One named run of values, one for each of the chart's category labels.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double> Values);

/// <param name="Key">What the point stands for (a member's id, say): its jitter follows it, however the other points change.</param>
public sealed record ScatterPoint(double X, double Y, string? Label = null, int Key = 0);

public sealed record ScatterSeries(string Label, IReadOnlyList<ScatterPoint> Points);

/// <summary>
/// A chart's data: category charts (line, bar, doughnut) use <see cref="Labels"/> and <see cref="Series"/>; scatter
/// charts use <see cref="Points"/>. Build it with <see cref="Categories"/> or <see cref="Scatter"/>.
/// </summary>
public sealed record ChartData(IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, IReadOnlyList<ScatterSeries> Points)
{
    public static ChartData Categories(IReadOnlyList<string> labels, params IReadOnlyList<ChartSeries> series) => new(labels, series, []);

    public static ChartData Scatter(params IReadOnlyList<ScatterSeries> series) => new([], [], series);

    /// <summary>
    /// Labels for the downloaded CSV where the axis labels are abbreviated: an axis can say "3 Nov" beside the filter's range,
    /// but a CSV row leaves the page and needs the year ("2026-11-03"). Parallel to <see cref="Labels"/>.
    /// </summary>
    public IReadOnlyList<string>? CsvLabels { get; init; }

    public bool IsEmpty => (Labels.Count == 0 || Series.All(s => s.Values.Count == 0)) && Points.All(s => s.Points.Count == 0);
}
