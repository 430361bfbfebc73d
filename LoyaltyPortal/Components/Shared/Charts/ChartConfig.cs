using LoyaltyPortal.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace LoyaltyPortal.Components.Shared.Charts;

/// <summary>The colours a chart draws with, from the portal's palette for the current mode.</summary>
public sealed record ChartTheme(string Text, string MutedText, string Grid, string Surface)
{
    public static ChartTheme For(bool dark)
    {
        Palette palette = dark ? PortalTheme.Theme.PaletteDark : PortalTheme.Theme.PaletteLight;
        return new(Css(palette.TextPrimary), Css(palette.TextSecondary), Css(palette.LinesDefault), Css(palette.Surface));
    }

    private static string Css(MudColor colour) => colour.ToString(MudColorOutputFormats.RGBA);
}

/// <summary>
/// What charts.js receives: the spec, the data and the colours, in one serialisable record. <see cref="Locale"/> is the
/// reader's culture ("en-GB", "de-DE"), so axes and tooltips write numbers as the table beside them does.
/// </summary>
public sealed record ChartConfig(
    string Kind, string Title, string? XAxisTitle, string? YAxisTitle, bool Stacked, string Format, string XFormat,
    double? XMin, double? YMin, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, IReadOnlyList<ScatterSeries> Points,
    IReadOnlyList<string> Palette, ChartTheme Theme, string Locale)
{
    /// <summary>
    /// Series colours, in order. Each has at least 3:1 contrast (WCAG 1.4.11, graphics) against the light and dark
    /// surfaces and backgrounds, so one palette serves both modes; neighbours differ in hue and lightness.
    /// </summary>
    public static readonly IReadOnlyList<string> SeriesColours =
        ["#3A7DC9", "#D55E00", "#2E8B57", "#9467BD", "#D6336C", "#8A7A00", "#0E7C86", "#B8860B", "#6C757D", "#C05BC0"];

    public static ChartConfig From(ChartSpec spec, ChartData? data, bool dark) => new(
        spec.Kind.ToString().ToLowerInvariant(), spec.Title, spec.XAxisTitle, spec.YAxisTitle, spec.Stacked,
        spec.Format.ToString().ToLowerInvariant(), spec.XValueFormat.ToString().ToLowerInvariant(), spec.XMin, spec.YMin,
        data?.Labels ?? [], data?.Series ?? [], Jittered(spec, data?.Points ?? []), SeriesColours, ChartTheme.For(dark), ReaderCulture.Current.Name);

    /// <summary>
    /// Each point moved up or down by at most <see cref="ChartSpec.YJitter"/>, by a hash of its key (or position), so the
    /// same data always draws the same way. A point pushed below <see cref="ChartSpec.YMin"/> is reflected back above it,
    /// so the bottom row stays on the chart instead of sitting half under the axis.
    /// </summary>
    private static IReadOnlyList<ScatterSeries> Jittered(ChartSpec spec, IReadOnlyList<ScatterSeries> series)
    {
        if (spec.YJitter <= 0) return series;
        return series.Select(s => s with
        {
            Points = s.Points.Select((p, i) =>
            {
                var y = p.Y + spec.YJitter * (2 * Unit(p.Key != 0 ? p.Key : i) - 1);
                return p with { Y = spec.YMin is { } min && y < min ? 2 * min - y : y };
            }).ToList(),
        }).ToList();
    }

    /// <summary>A number in [0, 1) from a point's key (SplitMix64's finaliser): the same in every process, unlike HashCode.</summary>
    private static double Unit(int key) => (StableMix.Mix((ulong)(uint)key + StableMix.Golden) >> 11) * (1.0 / (1UL << 53));
}
