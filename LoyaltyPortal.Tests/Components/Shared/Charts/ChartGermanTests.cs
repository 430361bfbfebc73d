using Bunit;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Components.Shared.Charts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LoyaltyPortal.Tests.Components.Shared.Charts;

/// <summary>A chart for a person reading German: its words, its numbers on the axes, in the table and in the summary.</summary>
public sealed class ChartGermanTests : BunitContext
{
    private static readonly ChartSpec Visits = new(ChartKind.Bar, "Besuche") { XAxisTitle = "Woche ab", Format = ChartValueFormat.Decimal };
    private static readonly ChartData Weeks = ChartData.Categories(["5. Jan.", "12. Jan."], new ChartSeries("Besuche", [1234.5, 12]));

    public ChartGermanTests()
    {
        Services.AddMudServices();
        Services.AddLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Chart_summary_reads_in_German_with_German_numbers()
    {
        using var german = ReaderCultureScope.German();

        var summary = ChartText.Summary(TestText.For<SharedText>(), Visits, Weeks);

        Assert.Equal("Balkendiagramm, Besuche. Woche ab: 5. Jan. bis 12. Jan., 2 Punkte. Besuche: niedrigster Wert 12, höchster 1.234,5, letzter 12.", summary);
    }

    [Fact]
    public void Chart_config_asks_charts_js_for_German_number_formats()
    {
        using var german = ReaderCultureScope.German();

        Assert.Equal("de-DE", ChartConfig.From(Visits, Weeks, dark: false).Locale);
    }

    [Fact]
    public void Csv_headers_read_in_German_while_values_stay_invariant()
    {
        using var german = ReaderCultureScope.German();
        var spec = new ChartSpec(ChartKind.Scatter, "Ausgaben");

        var csv = ChartCsv.Write(TestText.For<SharedText>(), spec, ChartData.Scatter(new ScatterSeries("Leeds", [new(2, 40.5, "Ann")])));

        Assert.Equal("Reihe,Bezeichnung,X,Y\r\nLeeds,Ann,2,40.5\r\n", csv);
    }

    [Fact]
    public void Chart_buttons_and_table_read_in_German()
    {
        using var german = ReaderCultureScope.German();

        var cut = Render<Chart>(p => p.Add(c => c.Spec, Visits).Add(c => c.Data, Weeks));
        cut.FindAll("button")[0].Click();

        Assert.Contains("Als Tabelle zeigen", cut.Markup);
        Assert.Contains("CSV herunterladen", cut.Markup);
        Assert.Contains("1.234,5", cut.Find("table").TextContent);
    }
}
