using Bunit;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared.Charts;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using Microsoft.AspNetCore.Components;

namespace LoyaltyPortal.Tests.Components.Features.Insights;

/// <summary>Spenders vs senders, significance and members at risk as rendered; the clock reads Friday 20 Nov 2026.</summary>
public sealed class MemberInsightsSectionsTests : PortalTestContext
{
    private static readonly InsightsFilter November = new(new(2026, 11, 1), new(2026, 11, 19));

    private static DateTime Utc(int month, int day) => new(2026, month, day, 12, 0, 0, DateTimeKind.Utc);

    private async Task<Caller> ManagerAsync()
    {
        var manager = await Db.AddUserAsync(Roles.Manager, "Morgan Manager");
        SignIn(manager);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return manager;
    }

    [Fact]
    public async Task Spenders_vs_senders_draws_each_member_and_counts_the_quadrants()
    {
        var manager = await ManagerAsync();
        var ann = (await Db.AddMemberAsync("Ann", withLogin: false)).Member.Id;
        var ben = (await Db.AddMemberAsync("Ben", withLogin: false)).Member.Id;
        await Db.AddActivityAsync(ann, ActivityType.Purchase, Utc(11, 3), amount: 90m);
        await Db.AddActivityAsync(ann, ActivityType.GuestBrought, Utc(11, 4));
        await Db.AddActivityAsync(ben, ActivityType.Purchase, Utc(11, 5), amount: 10m);

        var cut = Render<SpendersSendersSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));

        cut.WaitForAssertion(() => Assert.NotNull(cut.FindComponent<Chart>().Instance.Data));
        var points = cut.FindComponent<Chart>().Instance.Data!.Points;
        Assert.Equal(["Champions", "Quiet"], points.Select(s => s.Label));
        Assert.Equal(new ScatterPoint(90, 1, Key: ann), Assert.Single(points[0].Points));
        Assert.StartsWith("1", cut.Find("[data-testid=quadrant-champion]").TextContent.Trim());
        Assert.StartsWith("0", cut.Find("[data-testid=quadrant-spender]").TextContent.Trim());
        Assert.Contains("£50.00, the median", cut.Find("[data-testid=spenders-caption]").TextContent);
    }

    [Fact]
    public async Task Spenders_vs_senders_starts_both_axes_at_zero_and_jitters_the_advocacy_rows_keeping_quiet_members_on_the_chart()
    {
        var manager = await ManagerAsync();
        for (var i = 0; i < 12; i++)
        {
            var id = (await Db.AddMemberAsync($"Member {i}", withLogin: false)).Member.Id;
            await Db.AddActivityAsync(id, ActivityType.Purchase, Utc(11, 3), amount: 10m * (i + 1));
            if (i % 3 == 0) await Db.AddActivityAsync(id, ActivityType.GuestBrought, Utc(11, 4));
        }

        var cut = Render<SpendersSendersSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));

        cut.WaitForAssertion(() => Assert.NotNull(cut.FindComponent<Chart>().Instance.Data));
        var chart = cut.FindComponent<Chart>().Instance;
        var config = ChartConfig.From(chart.Spec, chart.Data, dark: false);
        Assert.Equal((0d, 0d), (config.XMin, config.YMin));
        var quiet = Assert.Single(config.Points, s => s.Label == "Quiet").Points;
        Assert.NotEmpty(quiet);
        Assert.All(quiet, p => Assert.InRange(p.Y, 0, SpendersSendersSection.AdvocacyJitter));
        var truth = chart.Data!.Points.SelectMany(s => s.Points).ToList();
        var drawn = config.Points.SelectMany(s => s.Points).ToList();
        const double jitter = SpendersSendersSection.AdvocacyJitter;
        Assert.All(truth.Zip(drawn), p => Assert.InRange(p.Second.Y - p.First.Y, -jitter, jitter));
        Assert.True(drawn.Select(p => p.Y).Distinct().Count() > truth.Select(p => p.Y).Distinct().Count(), "points leave their rows");
        var again = ChartConfig.From(chart.Spec, chart.Data, dark: false).Points.SelectMany(s => s.Points);
        Assert.Equal(drawn.Select(p => p.Y), again.Select(p => p.Y));
    }

    [Fact]
    public async Task Significance_without_answers_shows_the_empty_state()
    {
        var manager = await ManagerAsync();

        await Db.Get<InsightsRollups>().RefreshAsync(Xunit.TestContext.Current.CancellationToken);
        var cut = Render<SignificanceSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));

        cut.WaitForAssertion(() => Assert.Contains("No pulse answers in these dates", cut.Markup));
    }

    [Fact]
    public async Task Significance_labels_each_point_with_its_answer_count()
    {
        var manager = await ManagerAsync();
        var ann = (await Db.AddMemberAsync("Ann", withLogin: false)).Member.Id;
        await using (var context = Db.NewContext())
        {
            context.PulseResponses.AddRange(
                new PulseResponse { MemberId = ann, RespondedAt = Utc(11, 3), Score = 8, Matters = ["expert-advice"] },
                new PulseResponse { MemberId = ann, RespondedAt = Utc(11, 4), Score = 6 });
            await context.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        await Db.Get<InsightsRollups>().RefreshAsync(Xunit.TestContext.Current.CancellationToken);
        var cut = Render<SignificanceSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));

        cut.WaitForAssertion(() => Assert.NotNull(cut.FindComponents<Chart>()[0].Instance.Data));
        var overall = cut.FindComponents<Chart>()[0].Instance.Data!;
        Assert.Equal(["2 Nov (2)"], overall.Labels);
        Assert.Equal([7d], overall.Series.Single().Values);
        Assert.Equal(["Expert advice"], cut.FindComponents<Chart>()[1].Instance.Data!.Labels);
    }

    [Fact]
    public async Task At_risk_rows_link_to_the_member_and_suggest_an_action()
    {
        var manager = await ManagerAsync();
        var ann = (await Db.AddMemberAsync("Ann", withLogin: false)).Member.Id;
        for (var i = 0; i < 30; i++) await Db.AddActivityAsync(ann, ActivityType.Visit, Utc(5, 1).AddDays(5 * i));
        await Db.Get<AtRiskSnapshotBuilder>().ComputeAsync(Xunit.TestContext.Current.CancellationToken);

        var cut = Render<AtRiskSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=at-risk-table] tbody tr")));
        var link = cut.Find("[data-testid=at-risk-table] tbody tr a");
        Assert.Equal($"/manager/members/{ann}", link.GetAttribute("href"));
        Assert.Equal("Ann", link.TextContent);
        Assert.Contains(AtRiskService.PersonalNote, cut.Find("[data-testid=at-risk-table] tbody tr").TextContent);
        Assert.Contains("100%", cut.Find("[data-testid=at-risk-table] tbody tr").TextContent);
        Assert.Contains("Up to 20 Nov 2026, 10:00", cut.Find("[data-testid=at-risk-caption]").TextContent);
        Assert.Contains("recalculated nightly", cut.Find("[data-testid=at-risk-caption]").TextContent);
        Assert.Contains("The date range doesn't apply", cut.Find("[data-testid=at-risk-caption]").TextContent);
    }

    [Fact]
    public async Task At_risk_without_anyone_shows_the_empty_state()
    {
        var manager = await ManagerAsync();
        await Db.Get<AtRiskSnapshotBuilder>().ComputeAsync(Xunit.TestContext.Current.CancellationToken);

        var cut = Render<AtRiskSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));

        cut.WaitForAssertion(() => Assert.Contains("Nobody's activity has fallen sharply", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=at-risk-table]"));
    }

    [Fact]
    public async Task At_risk_before_the_first_snapshot_says_it_is_being_worked_out_and_shows_it_when_ready()
    {
        var manager = await ManagerAsync();
        var ann = (await Db.AddMemberAsync("Ann", withLogin: false)).Member.Id;
        for (var i = 0; i < 30; i++) await Db.AddActivityAsync(ann, ActivityType.Visit, Utc(5, 1).AddDays(5 * i));

        var cut = Render<AtRiskSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));

        cut.WaitForAssertion(() => Assert.Contains("Working out who is at risk", cut.Markup));
        Assert.DoesNotContain("Nobody's activity has fallen sharply", cut.Markup);
        // The background run finishes: the open section reads it without a reload.
        var recalculation = Db.Get<AtRiskRecalculation>();
        recalculation.Started();
        await Db.Get<AtRiskSnapshotBuilder>().ComputeAsync(Xunit.TestContext.Current.CancellationToken);
        recalculation.Done();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=at-risk-table] tbody tr")));
    }

    [Fact]
    public async Task Recalculate_queues_one_run_and_shows_it_running_until_it_finishes()
    {
        var manager = await ManagerAsync();
        await Db.Get<AtRiskSnapshotBuilder>().ComputeAsync(Xunit.TestContext.Current.CancellationToken);
        var recalculation = Db.Get<AtRiskRecalculation>();

        var cut = Render<AtRiskSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, November));
        cut.WaitForAssertion(() => Assert.Contains("Nobody's activity has fallen sharply", cut.Markup));
        cut.Find("[data-testid=at-risk-recalculate]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Recalculating…", cut.Find("[data-testid=at-risk-recalculate]").TextContent));
        Assert.True(cut.Find("[data-testid=at-risk-recalculate]").HasAttribute("disabled"));
        Assert.True(recalculation.IsBusy);
        Assert.False(recalculation.Request());
        recalculation.Done();
        cut.WaitForAssertion(() => Assert.Contains("Recalculate now", cut.Find("[data-testid=at-risk-recalculate]").TextContent));
        Assert.False(cut.Find("[data-testid=at-risk-recalculate]").HasAttribute("disabled"));
    }
}
