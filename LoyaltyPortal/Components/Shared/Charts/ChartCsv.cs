using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Components.Shared.Charts;

/// <summary>A chart's data as CSV, for the "Download CSV" button.</summary>
public static class ChartCsv
{
    /// <summary>
    /// Category charts: one row per label, one column per series. Scatter charts: one row per point.
    /// Numbers are written invariantly and unquoted, so "-3" stays a number; only text cells are neutralised.
    /// The headers are the reader's words: a person opens the file.
    /// </summary>
    public static string Write(IStringLocalizer<SharedText> words, ChartSpec spec, ChartData data)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            if (spec.Kind == ChartKind.Scatter) WriteScatter(csv, words, spec, data);
            else WriteCategories(csv, words, spec, data);
        }
        return text.ToString();
    }

    private static void WriteCategories(CsvWriter csv, IStringLocalizer<SharedText> words, ChartSpec spec, ChartData data)
    {
        WriteText(csv, spec.XAxisTitle ?? words["Category"]);
        foreach (var series in data.Series) WriteText(csv, series.Label);
        csv.NextRecord();
        var labels = data.CsvLabels ?? data.Labels;
        for (var i = 0; i < labels.Count; i++)
        {
            WriteText(csv, labels[i]);
            foreach (var series in data.Series) csv.WriteField(i < series.Values.Count ? Number(series.Values[i]) : "");
            csv.NextRecord();
        }
    }

    private static void WriteScatter(CsvWriter csv, IStringLocalizer<SharedText> words, ChartSpec spec, ChartData data)
    {
        foreach (var header in new[] { words["Series"], words["Label"], spec.XAxisTitle ?? "X", spec.YAxisTitle ?? "Y" }) WriteText(csv, header);
        csv.NextRecord();
        foreach (var series in data.Points)
        {
            foreach (var point in series.Points)
            {
                WriteText(csv, series.Label);
                WriteText(csv, point.Label ?? "");
                csv.WriteField(Number(point.X));
                csv.WriteField(Number(point.Y));
                csv.NextRecord();
            }
        }
    }

    private static void WriteText(CsvWriter csv, string text) => csv.WriteField(CsvCells.Neutralise(text));

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
