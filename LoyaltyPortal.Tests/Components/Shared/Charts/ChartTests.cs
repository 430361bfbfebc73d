using Bunit;
using LoyaltyPortal.Components;
using LoyaltyPortal.Components.Shared.Charts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace LoyaltyPortal.Tests.Components.Shared.Charts;

/// <summary>The chart component against bUnit's JS interop in strict mode: every call to charts.js must be expected.</summary>
public sealed class ChartTests : BunitContext
{
    private static readonly ChartSpec Spec = new(ChartKind.Line, "Weekly active members") { XAxisTitle = "Week starting" };
    private static readonly ChartData Weeks = ChartData.Categories(["5 Jan", "12 Jan"], new ChartSeries("Active members", [3, 5]));

    private readonly BunitJSModuleInterop module;

    public ChartTests()
    {
        Services.AddMudServices();
        Services.AddLocalization();
        JSInterop.Mode = JSRuntimeMode.Strict;
        module = JSInterop.SetupModule(Chart.ModulePath);
        foreach (var function in new[] { "create", "update", "downloadCsv" }) module.SetupVoid(function, _ => true).SetVoidResult();
    }

    private IRenderedComponent<Chart> RenderChart(ChartData? data, ThemePreference? theme = null) => Render<Chart>(p =>
    {
        p.Add(c => c.Spec, Spec).Add(c => c.Data, data);
        if (theme is not null) p.AddCascadingValue(theme);
    });

    private static IEnumerable<ChartConfig> Configs(IEnumerable<JSRuntimeInvocation> calls) => calls.Select(c => (ChartConfig)c.Arguments[^1]!);

    [Fact]
    public void Draws_on_a_canvas_that_screen_readers_read_as_an_image_with_a_summary()
    {
        var canvas = RenderChart(Weeks).Find("canvas");

        Assert.Equal("img", canvas.GetAttribute("role"));
        Assert.Equal("Line chart, Weekly active members. Week starting: 5 Jan to 12 Jan, 2 points. Active members: lowest 3, highest 5, last 5.",
            canvas.GetAttribute("aria-label"));
    }

    [Fact]
    public void Imports_the_module_and_creates_the_chart_on_first_render()
    {
        RenderChart(Weeks);

        Assert.Equal(Chart.ModulePath, JSInterop.VerifyInvoke("import").Arguments.Single());
        var created = Configs(module.VerifyInvoke("create", calledTimes: 1)).Single();
        Assert.Equal("line", created.Kind);
        Assert.Equal(["5 Jan", "12 Jan"], created.Labels);
        Assert.Equal([3.0, 5.0], created.Series.Single().Values);
    }

    [Fact]
    public void New_data_updates_the_chart_in_place_instead_of_creating_another()
    {
        var cut = RenderChart(Weeks);

        cut.Render(p => p.Add(c => c.Data, ChartData.Categories(["5 Jan", "12 Jan"], new ChartSeries("Active members", [4, 9]))));

        module.VerifyInvoke("create", calledTimes: 1);
        Assert.Equal([4.0, 9.0], Configs(module.VerifyInvoke("update", calledTimes: 1)).Single().Series.Single().Values);
    }

    [Fact]
    public void A_render_with_the_same_data_sends_nothing()
    {
        var cut = RenderChart(Weeks);

        cut.Render(p => p.Add(c => c.Busy, true));

        module.VerifyNotInvoke("update");
    }

    [Fact]
    public void Loading_then_data_creates_once_and_updates_once()
    {
        var cut = RenderChart(null);
        Assert.NotNull(cut.Find(".mud-skeleton"));

        cut.Render(p => p.Add(c => c.Data, Weeks));

        module.VerifyInvoke("create", calledTimes: 1);
        Assert.Equal([3.0, 5.0], Configs(module.VerifyInvoke("update", calledTimes: 1)).Single().Series.Single().Values);
        Assert.Empty(cut.FindAll(".mud-skeleton"));
    }

    [Fact]
    public void Switching_to_dark_mode_redraws_with_the_dark_palette()
    {
        var theme = new ThemePreference(false);
        RenderChart(Weeks, theme);

        theme.Set(true);

        var updated = Configs(module.VerifyInvoke("update", calledTimes: 1)).Single();
        Assert.Equal(ChartTheme.For(dark: true), updated.Theme);
        Assert.NotEqual(ChartTheme.For(dark: false), updated.Theme);
    }

    [Fact]
    public async Task Disposing_destroys_the_chart_and_releases_the_module()
    {
        module.SetupVoid("destroy", _ => true).SetVoidResult();
        RenderChart(Weeks);

        await DisposeComponentsAsync();

        module.VerifyInvoke("destroy", calledTimes: 1);
    }

    [Fact]
    public async Task Disposing_after_the_circuit_is_lost_does_not_throw()
    {
        module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("The circuit is gone."));
        RenderChart(Weeks);

        var error = await Record.ExceptionAsync(DisposeComponentsAsync);

        Assert.Null(error);
    }

    [Fact]
    public void Show_as_table_swaps_the_chart_for_a_table_with_a_caption()
    {
        var cut = RenderChart(Weeks);
        var toggle = cut.FindAll("button").Single(b => b.TextContent.Contains("Show as table"));
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));

        toggle.Click();

        Assert.Equal("true", cut.FindAll("button").Single(b => b.TextContent.Contains("Show as table")).GetAttribute("aria-pressed"));
        Assert.Equal("Weekly active members", cut.Find("table caption").TextContent);
        Assert.Equal(["Week starting", "Active members"], cut.FindAll("thead th").Select(th => th.TextContent));
        Assert.Equal(["5 Jan 3", "12 Jan 5"], cut.FindAll("tbody tr").Select(tr => string.Join(" ", tr.Children.Select(c => c.TextContent))));
        Assert.True(cut.Find(".portal-chart-canvas").HasAttribute("hidden"));
    }

    [Fact]
    public void Download_csv_sends_the_data_as_csv_with_a_file_name_from_the_title()
    {
        var cut = RenderChart(Weeks);

        cut.FindAll("button").Single(b => b.TextContent.Contains("Download CSV")).Click();

        var download = module.VerifyInvoke("downloadCsv");
        Assert.Equal("weekly-active-members.csv", download.Arguments[0]);
        Assert.Equal("Week starting,Active members\r\n5 Jan,3\r\n12 Jan,5\r\n", download.Arguments[1]);
    }

    [Fact]
    public void No_data_shows_the_empty_state_and_disables_the_table_and_download()
    {
        var cut = RenderChart(ChartData.Categories(["5 Jan", "12 Jan"]));

        Assert.Contains("No data for these filters", cut.Markup);
        Assert.All(cut.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.True(cut.Find(".portal-chart-canvas").HasAttribute("hidden"));
    }
}
