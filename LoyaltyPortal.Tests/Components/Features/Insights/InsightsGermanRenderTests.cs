using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Tests.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace LoyaltyPortal.Tests.Components.Features.Insights;

/// <summary>The manager's dashboard and insights for a manager reading German; the clock reads Friday 20 Nov 2026.</summary>
public sealed class InsightsGermanRenderTests : PortalTestContext
{
    private static readonly InsightsFilter Default = InsightsFilter.Default(new(2026, 11, 20));

    [Fact]
    public async Task Manager_dashboard_renders_in_German()
    {
        using var german = ReaderCultureScope.German();
        SignIn(await Db.AddUserAsync(Roles.Manager, "Morgan Manager"));
        await Db.AddStoreAsync("Leeds");
        await Db.Get<InsightsRollups>().RefreshAsync(Xunit.TestContext.Current.CancellationToken);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = Render<ManagerDashboardPage>();

        cut.WaitForAssertion(() => Assert.Contains("Filialen", cut.Find("h2").TextContent));
        Assert.Equal("Programmübersicht", cut.Find("h1").TextContent);
        Assert.Contains("Die letzten 30 Tage in allen Filialen.", cut.Markup);
        Assert.Contains("Konten der Mitarbeitenden verwalten", cut.Markup);
    }

    [Fact]
    public async Task Roi_section_renders_in_German()
    {
        using var german = ReaderCultureScope.German();
        var manager = await Db.AddUserAsync(Roles.Manager);
        SignIn(manager);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = Render<ExperienceRoiSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, Default));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".empty-state").Count));
        Assert.Equal("Wirkung der Erlebnisse", cut.Find("h2").TextContent);
        Assert.Contains("Keine Teilnehmenden zum Vergleichen", cut.Find(".empty-state").TextContent);
        Assert.Contains("Stichtag", cut.Markup);
    }

    [Fact]
    public void Roi_summary_states_its_finding_in_German_with_German_numbers()
    {
        using var german = ReaderCultureScope.German();
        var roi = new ExperienceRoi(new RoiGroup(46, 1, 2, 10m, 12m), new RoiGroup(46, 1, 1, 10m, 10m), 46, 0, false,
            new RoiEffect(0.8, 0.31, 1.27), new RoiEffect(-12.4, -21.7, -3.1));

        var summary = ExperienceRoiSection.Summary(TestText.For<InsightsText>(), roi);

        Assert.StartsWith("46 Teilnehmende im Vergleich mit 46 Mitgliedern ohne Teilnahme. ", summary);
        Assert.Contains("0,80 Mal öfter je Mitglied", summary);
        Assert.Contains("(95-%-Intervall 0,31 bis 1,27)", summary);
        Assert.Contains("je Mitglied 12,40 £ weniger aus", summary);
    }

    [Fact]
    public void Roi_summary_says_in_German_why_it_makes_no_claim()
    {
        using var german = ReaderCultureScope.German();
        var roi = new ExperienceRoi(new RoiGroup(3, 1, 2, 10m, 12m), new RoiGroup(3, 1, 1, 10m, 10m), 3, 0, false,
            new RoiEffect(2, 1, 3), new RoiEffect(4, 1, 7));

        var summary = ExperienceRoiSection.Summary(TestText.For<InsightsText>(), roi);

        Assert.Contains("Das ist zu wenig für eine Schlussfolgerung", summary);
    }
}
