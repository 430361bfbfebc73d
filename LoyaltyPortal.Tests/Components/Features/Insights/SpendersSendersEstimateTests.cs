using Bunit;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared.Charts;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Components.Features.Insights;

/// <summary>Spenders vs senders on a programme past the exact threshold: every count says it is an estimate.</summary>
public sealed class SpendersSendersEstimateTests : PortalTestContext
{
    private static readonly InsightsFilter November = new(new(2026, 11, 1), new(2026, 11, 19));

    private static DateTime Utc(int day) => new(2026, 11, day, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Twelve members, a threshold of ten: the sample (100 asked) takes all twelve, so the scale is one.</summary>
    private async Task<Caller> TwelveMembersSampledAsync()
    {
        Services.AddSingleton(new AdvocacyInsightsService(Db.Factory, Db.Get<ProgrammeCalendar>(), Db.Get<Microsoft.Extensions.Caching.Hybrid.HybridCache>(),
            Options.Create(new InsightsSettings { ExactUpToMembers = 10, SampleMembers = 100 }), Db.Get<ActiveCallers>(),
            TestText.For<InsightsText>()));
        var manager = await Db.AddUserAsync(Roles.Manager, "Morgan Manager");
        SignIn(manager);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        for (var i = 0; i < 12; i++)
        {
            var id = (await Db.AddMemberAsync($"Member {i}", withLogin: false)).Member.Id;
            await Db.AddActivityAsync(id, ActivityType.Purchase, Utc(3 + i), amount: 10m * (i + 1));
            if (i % 3 == 0) await Db.AddActivityAsync(id, ActivityType.GuestBrought, Utc(4));
        }
        return manager;
    }

    [Fact]
    public async Task An_estimate_says_so_and_from_how_many_members()
    {
        var manager = await TwelveMembersSampledAsync();

        var cut = Render<SpendersSendersSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));

        cut.WaitForAssertion(() => Assert.Contains("≈ 12 members, estimated from a random sample of 12", cut.Find("[data-testid=spenders-caption]").TextContent));
        Assert.StartsWith("≈ 2", cut.Find("[data-testid=quadrant-champion]").TextContent.Trim());
        Assert.StartsWith("≈ 4", cut.Find("[data-testid=quadrant-spender]").TextContent.Trim());
    }

    [Fact]
    public async Task An_estimate_names_its_counts_with_the_approximate_sign_in_the_legend_table_and_csv()
    {
        var manager = await TwelveMembersSampledAsync();

        var cut = Render<SpendersSendersSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));

        cut.WaitForAssertion(() => Assert.NotNull(cut.FindComponent<Chart>().Instance.Data));
        var chart = cut.FindComponent<Chart>().Instance;
        Assert.Equal(["Champions (≈ 2 members)", "Spenders (≈ 4 members)", "Senders (≈ 2 members)", "Quiet (≈ 4 members)"], chart.Data!.Points.Select(s => s.Label));
        Assert.Contains("Champions (≈ 2 members)", ChartCsv.Write(TestText.For<LoyaltyPortal.Components.Shared.SharedText>(), chart.Spec, chart.Data));
    }

    [Theory]
    [InlineData(612_345, "≈ 612,000")]
    [InlineData(1_234, "≈ 1,230")]
    [InlineData(987, "≈ 987")]
    public void Estimated_counts_show_three_significant_figures(int count, string shown)
    {
        var estimate = new SpendersSendersReport(count, 0, 1, new Dictionary<AdvocacyQuadrant, int>(), [], SampledMembers: 20_000, SampleInScope: 12_000);

        Assert.Equal(shown, SpendersSendersSection.CountText(estimate, count));
    }
}
