using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Tests.Components.Shared;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>What the insights services say comes out in the reader's language: here a manager reading German.</summary>
public sealed class InsightsGermanTests
{
    private static readonly InsightsFilter ToNineteenth = new(new(2026, 8, 24), new(2026, 11, 19));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> InGermanAsync<T>(Func<Task<T>> read)
    {
        using var german = ReaderCultureScope.German();
        return await read();
    }

    [Fact]
    public async Task At_risk_suggested_action_reads_in_German()
    {
        await using var db = await TestDb.CreateAsync();
        var manager = await db.AddUserAsync(Roles.Manager);
        var ned = (await db.AddMemberAsync("Ned", withLogin: false)).Member.Id;
        for (var i = 0; i < 24; i++) await db.AddActivityAsync(ned, ActivityType.Visit, new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(5 * i));
        await db.Get<AtRiskSnapshotBuilder>().ComputeAsync(Ct);

        var report = await InGermanAsync(() => db.Get<AtRiskService>().GetAsync(manager, ToNineteenth, ct: Ct));

        Assert.Equal("Schicken Sie eine persönliche Nachricht: Sagen Sie, dass wir das Mitglied vermisst haben", Assert.Single(report.Members).SuggestedAction);
    }

    [Fact]
    public async Task Insights_refusal_reads_in_German()
    {
        await using var db = await TestDb.CreateAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);

        var refusal = await InGermanAsync(() => Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<InsightsService>().GetOptionsAsync(staff, Ct)));
        var dashboard = await InGermanAsync(() => Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<DashboardService>().GetAsync(staff, Ct)));

        Assert.Equal("Nur Manager können die Einblicke in das Programm sehen.", refusal.Message);
        Assert.Equal("Nur Manager können die Programmübersicht sehen.", dashboard.Message);
    }

    [Fact]
    public async Task Every_insight_refuses_staff_in_German()
    {
        await using var db = await TestDb.CreateAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        Func<Task>[] reads =
        [
            () => db.Get<InsightsService>().GetEngagementAsync(staff, ToNineteenth, Ct),
            () => db.Get<TierInsightsService>().GetAsync(staff, ToNineteenth, Ct),
            () => db.Get<ExperienceInsightsService>().GetPerformanceAsync(staff, ToNineteenth, Ct),
            () => db.Get<ExperienceInsightsService>().GetRoiAsync(staff, ToNineteenth, Ct),
            () => db.Get<AdvocacyInsightsService>().GetAsync(staff, ToNineteenth, Ct),
            () => db.Get<SignificanceInsightsService>().GetAsync(staff, ToNineteenth, Ct),
            () => db.Get<AtRiskService>().GetAsync(staff, ToNineteenth, ct: Ct),
            () => db.Get<AtRiskService>().RequestRecalculationAsync(staff, Ct),
        ];

        foreach (var read in reads)
        {
            var refusal = await InGermanAsync(() => Assert.ThrowsAsync<UnauthorizedAccessException>(read));
            Assert.Equal("Nur Manager können die Einblicke in das Programm sehen.", refusal.Message);
        }
    }

    [Fact]
    public async Task A_date_range_problem_reads_in_German()
    {
        var today = new DateOnly(2026, 11, 20);

        var problem = await InGermanAsync(() => Task.FromResult(InsightsFilter.RangeProblem(today.AddYears(-3), today, today, TestText.For<InsightsText>())));

        Assert.Equal("Wählen Sie einen Zeitraum von höchstens 104 Wochen.", problem);
    }
}
