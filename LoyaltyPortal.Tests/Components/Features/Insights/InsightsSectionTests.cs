using Bunit;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared.Charts;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Tests.Features.Insights;
using Microsoft.AspNetCore.Components;

namespace LoyaltyPortal.Tests.Components.Features.Insights;

/// <summary>
/// The tier, experience performance and experience ROI sections over small hand-made datasets. The clock reads
/// Friday 20 Nov 2026; the default filter runs 24 Aug to 15 Nov.
/// </summary>
public sealed class InsightsSectionTests : PortalTestContext
{
    private static readonly InsightsFilter Default = InsightsFilter.Default(new(2026, 11, 20));
    private static DateTime Utc(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    /// <summary>As in the browser's circuit: sections load only once interactive.</summary>
    private async Task<IRenderedComponent<TierSection>> RenderTiersAsync(Caller manager)
    {
        await Db.Get<InsightsRollups>().RefreshAsync(Xunit.TestContext.Current.CancellationToken);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<TierSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, Default));
    }

    private IRenderedComponent<ExperiencePerformanceSection> RenderPerformance(Caller manager)
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<ExperiencePerformanceSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, Default));
    }

    private IRenderedComponent<ExperienceRoiSection> RenderRoi(Caller manager)
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<ExperienceRoiSection>(p => p.Add(s => s.Caller, manager).Add(s => s.Filter, Default));
    }

    private static ChartData DataOf<T>(IRenderedComponent<T> cut, string titleStart) where T : class, IComponent =>
        cut.FindComponents<Chart>().Single(c => c.Instance.Spec.Title.StartsWith(titleStart, StringComparison.Ordinal)).Instance.Data!;

    [Fact]
    public async Task Tier_section_passes_members_per_tier_and_moves_up_and_down_to_its_charts()
    {
        var manager = await Db.AddUserAsync(Roles.Manager);
        var tiers = await Db.QueryAsync(c => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(c.Tiers, t => t.Name, t => t.Id, default));
        var (ann, _) = await Db.AddMemberAsync("Ann", withLogin: false);
        await Db.AddMemberAsync("Ben", withLogin: false);
        await using (var context = Db.NewContext())
        {
            context.MemberStandings.Add(new MemberStanding { MemberId = ann.Id, TierId = tiers["Gold"], UpdatedAt = Utc(10, 1) });
            context.TierChanges.Add(new TierChange { MemberId = ann.Id, FromTierId = tiers["Member"], ToTierId = tiers["Silver"], IsUp = true, ChangedAt = Utc(9, 3) });
            context.TierChanges.Add(new TierChange { MemberId = ann.Id, FromTierId = tiers["Silver"], ToTierId = tiers["Gold"], IsUp = true, ChangedAt = Utc(10, 3) });
            context.TierChanges.Add(new TierChange { MemberId = ann.Id, FromTierId = tiers["Gold"], ToTierId = tiers["Silver"], IsUp = false, ChangedAt = Utc(10, 20) });
            await context.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var cut = await RenderTiersAsync(manager);

        cut.WaitForAssertion(() => Assert.NotNull(cut.FindComponents<Chart>()[1].Instance.Data));
        var distribution = DataOf(cut, "Members by tier");
        Assert.Equal(["Member", "Silver", "Gold"], distribution.Labels);
        Assert.Equal([1d, 0, 1], distribution.Series.Single().Values);
        var moves = DataOf(cut, "Tier moves");
        Assert.Equal(["Aug (partial)", "Sep", "Oct", "Nov (partial)"], moves.Labels);
        Assert.Equal([0d, 1, 1, 0], moves.Series[0].Values);
        Assert.Equal([0d, 0, -1, 0], moves.Series[1].Values);
    }

    [Fact]
    public async Task Tier_section_without_members_or_moves_shows_empty_states()
    {
        var manager = await Db.AddUserAsync(Roles.Manager);

        var cut = await RenderTiersAsync(manager);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".empty-state").Count));
        Assert.Contains("No members yet", cut.FindAll(".empty-state")[0].TextContent);
        Assert.Contains("No tier changes in these months", cut.FindAll(".empty-state")[1].TextContent);
    }

    [Fact]
    public async Task Performance_section_charts_demand_and_lists_each_experience_in_a_table()
    {
        var manager = await Db.AddUserAsync(Roles.Manager);
        var (ann, ben) = (await Db.AddMemberSinceAsync("Ann", ExperienceInsightsTestData.LongAgo), await Db.AddMemberSinceAsync("Ben", ExperienceInsightsTestData.LongAgo));
        var run = await Db.AddExperienceAsync(BenefitKind.Event, "Run club", Utc(10, 3));
        var booking = await Db.AddBookingAsync(run.Id, ann.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(10, 3));
        await Db.AddBookingAsync(run.Id, ben.Id, BookingStatus.Waitlisted, b => b.WaitlistedAt = Utc(10, 1));
        await Db.AddFeedbackAsync(booking, 4);

        var cut = RenderPerformance(manager);

        cut.WaitForAssertion(() => Assert.NotNull(cut.FindComponent<Chart>().Instance.Data));
        var chart = cut.FindComponent<Chart>().Instance.Data!;
        Assert.Equal(["Run club"], chart.Labels);
        Assert.Equal([[1d], [1d]], chart.Series.Select(s => s.Values));
        var cells = cut.Find("[data-testid=experience-table] tbody tr").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.StartsWith("Run club", cells[0]);
        Assert.Equal(["1", "1", "100% (1)", "0% (0)", "—", "4.0 ★ (1)"], cells.Skip(2));
    }

    [Fact]
    public async Task Performance_section_without_experiences_shows_the_empty_state_and_no_table()
    {
        var manager = await Db.AddUserAsync(Roles.Manager);

        var cut = RenderPerformance(manager);

        cut.WaitForAssertion(() => Assert.Contains("No experiences in these dates", cut.Find(".empty-state").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=experience-table]"));
    }

    [Fact]
    public async Task Roi_section_charts_before_and_after_for_both_groups_and_states_the_uplift()
    {
        var manager = await Db.AddUserAsync(Roles.Manager);
        var ann = await Db.AddMemberSinceAsync("Ann", ExperienceInsightsTestData.LongAgo);
        var dee = await Db.AddMemberSinceAsync("Dee", ExperienceInsightsTestData.LongAgo);
        var run = await Db.AddExperienceAsync(BenefitKind.Event, "Run club", Utc(8, 25));
        await Db.AddBookingAsync(run.Id, ann.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(8, 25));
        await Db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(7, 1));
        await Db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(9, 1));
        await Db.AddActivityAsync(ann.Id, ActivityType.Visit, Utc(9, 2));
        await Db.AddActivityAsync(ann.Id, ActivityType.Purchase, Utc(9, 2), amount: 40m);
        await Db.AddActivityAsync(dee.Id, ActivityType.Visit, Utc(7, 1));
        await Db.AddActivityAsync(dee.Id, ActivityType.Visit, Utc(9, 1));

        var cut = RenderRoi(manager);

        cut.WaitForAssertion(() => Assert.NotNull(DataOf(cut, "Visits per member")));
        var visits = DataOf(cut, "Visits per member");
        Assert.Equal(["Attended", "Didn't attend"], visits.Labels);
        Assert.Equal([[1d, 1], [2d, 1]], visits.Series.Select(s => s.Values));
        Assert.Equal([[0d, 0], [40d, 0]], DataOf(cut, "Spend per member").Series.Select(s => s.Values));
        Assert.Equal("1 attendee compared with 1 member who didn't attend. "
            + "That is too few to draw a conclusion: with fewer than 30 members "
            + "in each group, a handful of unusual members can swing the result either way. Choose longer dates, or all stores and tiers.",
            cut.Find("[data-testid=roi-summary]").TextContent.Trim());
    }

    private static ExperienceRoi Roi(int members, RoiEffect visits, RoiEffect spend) =>
        new(new RoiGroup(members, 1, 2, 10m, 12m), new RoiGroup(members, 1, 1, 10m, 10m), members, 0, false, visits, spend);

    [Fact]
    public void Roi_summary_states_a_clear_difference_with_its_95_percent_interval()
    {
        var summary = ExperienceRoiSection.Summary(TestText.For<LoyaltyPortal.Features.Insights.InsightsText>(), Roi(46, new RoiEffect(0.8, 0.31, 1.27), new RoiEffect(-12.4, -21.7, -3.1)));

        Assert.Equal("46 attendees compared with 46 members who didn't attend. "
            + "Attendees made 0.80 more visits per member in the 60 days after than members who didn't attend (95% interval 0.31 to 1.27). "
            + "Attendees spent £12.40 less per member in the 60 days after than members who didn't attend "
            + "(95% interval -£21.70 to -£3.10).", summary);
    }

    [Fact]
    public void Roi_summary_makes_no_claim_when_the_interval_spans_zero_and_says_why()
    {
        var summary = ExperienceRoiSection.Summary(TestText.For<LoyaltyPortal.Features.Insights.InsightsText>(), Roi(46, new RoiEffect(0.3, -0.2, 0.8), new RoiEffect(4, 1, 7)));

        Assert.Contains("No clear difference in visits: "
            + "the 95% interval for attendees against the others runs from -0.20 to 0.80 per member, "
            + "which includes no difference at all.", summary);
        Assert.DoesNotContain("more visits", summary);
        Assert.Contains("Attendees spent £4.00 more per member", summary);
    }

    [Fact]
    public void Roi_summary_makes_no_claim_for_groups_under_the_minimum_and_says_why()
    {
        var small = Roi(RoiUncertainty.MinimumGroupSize - 1, new RoiEffect(2, 1, 3), new RoiEffect(4, 1, 7));

        var summary = ExperienceRoiSection.Summary(TestText.For<LoyaltyPortal.Features.Insights.InsightsText>(), small);

        Assert.Contains("too few to draw a conclusion", summary);
        Assert.DoesNotContain("more", summary);
    }

    [Fact]
    public async Task Roi_section_with_only_recent_attendees_says_why_it_is_empty()
    {
        var manager = await Db.AddUserAsync(Roles.Manager);
        var ann = await Db.AddMemberSinceAsync("Ann", ExperienceInsightsTestData.LongAgo);
        var run = await Db.AddExperienceAsync(BenefitKind.Event, "Run club", Utc(11, 1));
        await Db.AddBookingAsync(run.Id, ann.Id, BookingStatus.Attended, b => b.CheckedInAt = Utc(11, 1));

        var cut = RenderRoi(manager);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".empty-state").Count));
        Assert.Contains("1 member attended less than 61 days ago", cut.Find(".empty-state").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=roi-summary]"));
    }
}
