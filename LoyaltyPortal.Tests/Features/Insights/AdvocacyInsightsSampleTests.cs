using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>
/// Spenders vs senders past the exact threshold: 300 hand-made members, a threshold of 100 and a sample of about
/// 120, checked against the exact answer for the same sampled members. The test clock reads Friday 20 Nov 2026.
/// </summary>
public sealed class AdvocacyInsightsSampleTests
{
    private static readonly InsightsFilter November = new(new(2026, 11, 1), new(2026, 11, 19));
    private static readonly InsightsSettings Sampling = new() { ExactUpToMembers = 100, SampleMembers = 120 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Nov(int day) => new(2026, 11, day, 12, 0, 0, DateTimeKind.Utc);

    private static AdvocacyInsightsService Service(TestDb db, InsightsSettings options) =>
        new(db.Factory, db.Get<ProgrammeCalendar>(), db.Get<Microsoft.Extensions.Caching.Hybrid.HybridCache>(), Options.Create(options), db.Get<ActiveCallers>(),
            TestText.For<InsightsText>());

    private sealed record Programme(Caller Manager, List<int> Ids, HashSet<int> Anonymised, int Leeds, int SilverId);

    /// <summary>
    /// Two in three members buy (at Leeds or Bath), one in four brings a guest, one in seven is anonymised, one in
    /// five holds Silver; the rest did nothing in November.
    /// </summary>
    private static async Task<Programme> ProgrammeAsync(TestDb db)
    {
        var manager = await db.AddUserAsync(Roles.Manager);
        var leeds = (await db.AddStoreAsync("Leeds")).Id;
        var bath = (await db.AddStoreAsync("Bath")).Id;
        await using var context = db.NewContext();
        var silverId = await context.Tiers.Where(t => t.Name == "Silver").Select(t => t.Id).SingleAsync(Ct);
        var members = Enumerable.Range(0, 300).Select(i => new Member
        {
            MemberCode = MemberRules.NewMemberCode(), PreferredName = $"Member {i}", SearchName = $"member {i}", JoinedAt = Nov(1).AddDays(-90),
            AnonymisedAt = i % 7 == 3 ? Nov(1) : null,
        }).ToList();
        context.Members.AddRange(members);
        await context.SaveChangesAsync(Ct);
        for (var i = 0; i < members.Count; i++)
        {
            var id = members[i].Id;
            if (i % 3 != 2) context.Activities.Add(Activity(id, ActivityType.Purchase, Nov(2 + i % 15), i % 2 == 0 ? leeds : bath, (i % 50 + 1) * 2m));
            if (i % 4 == 0) context.Activities.Add(Activity(id, ActivityType.GuestBrought, Nov(5), leeds, null));
            if (i % 5 == 0) context.MemberStandings.Add(new MemberStanding { MemberId = id, TierId = silverId, PointsInWindow = 400, UpdatedAt = Nov(1) });
        }
        await context.SaveChangesAsync(Ct);
        var ids = members.Select(m => m.Id).ToList();
        return new(manager, ids, members.Where(m => m.AnonymisedAt != null).Select(m => m.Id).ToHashSet(), leeds, silverId);
    }

    private static Activity Activity(int memberId, ActivityType type, DateTime at, int storeId, decimal? amount) =>
        new() { MemberId = memberId, Type = type, OccurredAt = at, StoreId = storeId, Amount = amount, SourceKey = Guid.NewGuid().ToString("N") };

    /// <summary>The ids the sample draws, without the anonymised, and how many members each probe stands for.</summary>
    private static (HashSet<int> Sampled, double Scale) SampleOf(Programme programme)
    {
        var (min, max) = (programme.Ids.Min(), programme.Ids.Max());
        var probes = AdvocacyInsightsService.Probes(min, max, Sampling.SampleMembers);
        return (probes.Where(id => programme.Ids.Contains(id) && !programme.Anonymised.Contains(id)).ToHashSet(), (max - min + 1.0) / probes.Count);
    }

    /// <summary>The exact answer over every member, cut down to the sampled ones and scaled as the estimate should be.</summary>
    private static async Task<SpendersSendersReport> ExpectedAsync(TestDb db, Programme programme, InsightsFilter filter)
    {
        var exact = await Service(db, new InsightsSettings { ExactUpToMembers = int.MaxValue }).GetAsync(programme.Manager, filter, Ct);
        Assert.False(exact.IsEstimate);
        var (sampled, scale) = SampleOf(programme);
        var inSample = exact.Sample.Where(p => sampled.Contains(p.MemberId)).Select(p => (p.MemberId, p.Spend, p.Advocacy)).ToList();
        return AdvocacyInsightsService.Estimate(AdvocacyInsightsService.Classify(inSample), scale, sampled.Count);
    }

    private static void AssertSameReport(SpendersSendersReport expected, SpendersSendersReport actual)
    {
        Assert.True(actual.IsEstimate);
        Assert.Equal(expected.SampledMembers, actual.SampledMembers);
        Assert.Equal(expected.SampleInScope, actual.SampleInScope);
        Assert.Equal(expected.Members, actual.Members);
        Assert.Equal(expected.MedianSpend, actual.MedianSpend);
        Assert.All(Enum.GetValues<AdvocacyQuadrant>(), q => Assert.Equal(expected.Count(q), actual.Count(q)));
        Assert.Equal(expected.Sample.OrderBy(p => p.MemberId), actual.Sample.OrderBy(p => p.MemberId));
    }

    [Theory, AllProviders]
    public async Task Past_the_threshold_counts_are_scaled_up_from_a_sample_of_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var programme = await ProgrammeAsync(db);

        var report = await Service(db, Sampling).GetAsync(programme.Manager, November, Ct);

        var (sampled, scale) = SampleOf(programme);
        Assert.InRange(sampled.Count, 70, 130);
        Assert.Equal(sampled.Count, report.SampledMembers);
        Assert.All(report.Sample, p => Assert.Contains(p.MemberId, sampled));
        Assert.Equal((int)Math.Round(report.SampleInScope * scale), report.Members);
        AssertSameReport(await ExpectedAsync(db, programme, November), report);
    }

    [Theory, AllProviders]
    public async Task The_sample_is_the_same_on_every_load(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var programme = await ProgrammeAsync(db);

        var first = await Service(db, Sampling).GetAsync(programme.Manager, November, Ct);
        var again = await Service(db, Sampling).GetAsync(programme.Manager, November, Ct);

        AssertSameReport(first, again);
    }

    [Theory, AllProviders]
    public async Task A_sampled_store_filter_counts_only_activity_at_that_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var programme = await ProgrammeAsync(db);
        var atLeeds = November with { StoreId = programme.Leeds };

        var report = await Service(db, Sampling).GetAsync(programme.Manager, atLeeds, Ct);

        AssertSameReport(await ExpectedAsync(db, programme, atLeeds), report);
    }

    [Theory, AllProviders]
    public async Task A_sampled_tier_filter_keeps_sampled_members_holding_the_tier(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var programme = await ProgrammeAsync(db);
        var silver = November with { TierId = programme.SilverId };

        var report = await Service(db, Sampling).GetAsync(programme.Manager, silver, Ct);

        AssertSameReport(await ExpectedAsync(db, programme, silver), report);
        Assert.True(report.SampleInScope < (await Service(db, Sampling).GetAsync(programme.Manager, November, Ct)).SampleInScope);
    }

    [Theory, AllProviders]
    public async Task At_or_under_the_threshold_the_counts_stay_exact(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var programme = await ProgrammeAsync(db);

        var report = await Service(db, new InsightsSettings { ExactUpToMembers = 300, SampleMembers = Sampling.SampleMembers }).GetAsync(programme.Manager, November, Ct);

        Assert.False(report.IsEstimate);
        Assert.Equal(0, report.SampledMembers);
        Assert.Equal(report.Members, report.Quadrants.Values.Sum());
    }

    [Theory, AllProviders]
    public async Task Staff_are_refused_the_estimate_too(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await ProgrammeAsync(db);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync("York")).Id);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service(db, Sampling).GetAsync(staff, November, Ct));
    }

    [Fact]
    public void Estimated_counts_are_the_sample_counts_times_the_scale()
    {
        var sample = AdvocacyInsightsService.Classify([(1, 100, 2), (2, 80, 0), (3, 10, 1), (4, 20, 0), (5, 0, 3)]);

        var estimate = AdvocacyInsightsService.Estimate(sample, 3, 40);

        Assert.Equal((15, 40, 5, 50d), (estimate.Members, estimate.SampledMembers, estimate.SampleInScope, estimate.MedianSpend));
        Assert.Equal([3, 3, 6, 3], Enum.GetValues<AdvocacyQuadrant>().Select(estimate.Count));
        Assert.True(estimate.IsEstimate);
        Assert.False(estimate.IsSampled);
    }

    [Fact]
    public void Probes_pick_about_the_asked_number_evenly_over_the_range_and_barely_move_as_members_join()
    {
        var probes = AdvocacyInsightsService.Probes(1, 1_000_000, 20_000);
        var grown = AdvocacyInsightsService.Probes(1, 1_010_000, 20_000).Where(id => id <= 1_000_000).ToHashSet();

        Assert.InRange(probes.Count, 19_400, 20_600);
        Assert.Equal(probes.Count, probes.Distinct().Count());
        Assert.All(probes.CountBy(id => (id - 1) / 100_000), tenth => Assert.InRange(tenth.Value, 1_800, 2_200));
        Assert.Equal(probes, AdvocacyInsightsService.Probes(1, 1_000_000, 20_000));
        Assert.InRange(probes.Count(grown.Contains), probes.Count * 0.98, probes.Count);
    }
}
