using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights;

public sealed class DashboardServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Dashboard_for_staff_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<DashboardService>().GetAsync(staff, Ct));
    }

    [Theory, AllProviders]
    public async Task Dashboard_for_a_member_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, member) = await db.AddMemberAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<DashboardService>().GetAsync(member!, Ct));
    }

    [Theory, AllProviders]
    public async Task Dashboard_of_an_empty_programme_is_all_zero(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var dashboard = await db.Get<DashboardService>().GetAsync(manager, Ct);

        Assert.Equal((0, 0, 0, 0, 0, 0m), (dashboard.Members, dashboard.NewMembers, dashboard.ActiveLastWeek, dashboard.Visits, dashboard.Purchases, dashboard.Spend));
        Assert.False(dashboard.IsPreparing);
    }

    [Theory, AllProviders]
    public async Task Dashboard_counts_members_and_new_members_without_anonymised_ones(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, _) = await SampleProgrammeAsync(db);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var dashboard = await db.Get<DashboardService>().GetAsync(manager, Ct);

        Assert.Equal((4, 2), (dashboard.Members, dashboard.NewMembers));
    }

    [Theory, AllProviders]
    public async Task Dashboard_counts_visits_purchases_and_spend_in_the_last_30_days(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, _) = await SampleProgrammeAsync(db);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var dashboard = await db.Get<DashboardService>().GetAsync(manager, Ct);

        Assert.Equal((1, 2, 35.50m), (dashboard.Visits, dashboard.Purchases, dashboard.Spend));
        Assert.Equal((new DateOnly(2026, 10, 22), new DateOnly(2026, 11, 20)), (dashboard.From, dashboard.To));
    }

    [Theory, AllProviders]
    public async Task Dashboard_counts_members_active_in_the_last_whole_week(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, _) = await SampleProgrammeAsync(db);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var dashboard = await db.Get<DashboardService>().GetAsync(manager, Ct);

        // Week of Mon 9 Nov: Ben joined (10 Nov), Eve gave feedback (13 Nov), Cal joined (Sun 15 Nov). Ann's visit is this week.
        Assert.Equal((3, new DateOnly(2026, 11, 9)), (dashboard.ActiveLastWeek, dashboard.LastWeek));
    }

    [Theory, AllProviders]
    public async Task Before_the_rollups_first_run_the_dashboard_says_it_is_preparing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, _) = await SampleProgrammeAsync(db);

        var dashboard = await db.Get<DashboardService>().GetAsync(manager, Ct);

        Assert.True(dashboard.IsPreparing);
        Assert.Equal((0, 0, 2), (dashboard.Members, dashboard.Visits, dashboard.ActiveStaff));
    }

    [Theory, AllProviders]
    public async Task Activity_recorded_after_a_refresh_counts_from_the_next_refresh(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, covent) = await SampleProgrammeAsync(db);
        var rollups = db.Get<InsightsRollups>();
        await rollups.RefreshAsync(Ct);
        var ann = await db.QueryAsync(c => c.Members.SingleAsync(m => m.PreferredName == "Ann", Ct));

        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, db.Clock.GetUtcNow().UtcDateTime.AddHours(-1), covent.Id, 4.50m);
        var before = await db.Get<DashboardService>().GetAsync(manager, Ct);
        await rollups.RefreshAsync(Ct);
        var after = await db.Get<DashboardService>().GetAsync(manager, Ct);

        Assert.Equal((2, 35.50m), (before.Purchases, before.Spend));
        Assert.Equal((3, 40.00m), (after.Purchases, after.Spend));
        Assert.Equal((2, 24.50m), (after.Stores[0].Purchases, after.Stores[0].Spend));
    }

    [Theory, AllProviders]
    public async Task Dashboard_counts_active_staff_with_a_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, _) = await SampleProgrammeAsync(db);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var dashboard = await db.Get<DashboardService>().GetAsync(manager, Ct);

        Assert.Equal(2, dashboard.ActiveStaff);
    }

    [Theory, AllProviders]
    public async Task Dashboard_summarises_each_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (manager, _) = await SampleProgrammeAsync(db);

        await db.Get<InsightsRollups>().RefreshAsync(Ct);
        var dashboard = await db.Get<DashboardService>().GetAsync(manager, Ct);

        Assert.Equal(
            [("Covent Garden", 2, 1, 1, 20.00m), ("Leeds", 1, 0, 1, 15.50m)],
            dashboard.Stores.Select(s => (s.StoreName, s.Members, s.Visits, s.Purchases, s.Spend)));
    }

    /// <summary>
    /// Two stores; now is 20 Nov 2026 10:00 and the window starts 30 days earlier. Members (home store, joined):
    /// Ann (Covent Garden, 100 days ago), Ben (Covent Garden, 10 days), Cal (Leeds, 5 days), Dee (Leeds, 200 days, anonymised),
    /// Eve (no store, 400 days). In the window: Ann visits and spends 20.00 at Covent Garden, Ben spends 15.50 at Leeds,
    /// Eve gives feedback; Ben and Cal joined. Outside it: Ann's old visit and Eve's old purchase.
    /// Staff: the manager and one active staff member at Covent Garden, a deactivated one at Leeds.
    /// </summary>
    private static async Task<(Caller Manager, Store Store)> SampleProgrammeAsync(TestDb db)
    {
        var covent = await db.AddStoreAsync("Covent Garden");
        var leeds = await db.AddStoreAsync("Leeds");
        var manager = await db.AddUserAsync(Roles.Manager, storeId: covent.Id);
        await db.AddUserAsync(Roles.Staff, storeId: covent.Id);
        var gone = await db.AddUserAsync(Roles.Staff, storeId: leeds.Id);
        await db.QueryAsync(c => c.Users.Where(u => u.Id == gone.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDeactivated, true), Ct));

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var ann = await AddMemberAsync(db, "Ann", covent.Id, now.AddDays(-100));
        var ben = await AddMemberAsync(db, "Ben", covent.Id, now.AddDays(-10));
        var cal = await AddMemberAsync(db, "Cal", leeds.Id, now.AddDays(-5));
        var dee = await AddMemberAsync(db, "Dee", leeds.Id, now.AddDays(-200));
        var eve = await AddMemberAsync(db, "Eve", null, now.AddDays(-400));
        await db.QueryAsync(c => c.Members.Where(m => m.Id == dee.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AnonymisedAt, now.AddDays(-50)), Ct));

        await db.AddActivityAsync(ann.Id, ActivityType.Visit, now.AddDays(-2), covent.Id);
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, now.AddDays(-2), covent.Id, 20.00m);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, now.AddDays(-40), covent.Id);
        await db.AddActivityAsync(ben.Id, ActivityType.Joined, now.AddDays(-10), covent.Id);
        await db.AddActivityAsync(ben.Id, ActivityType.Purchase, now.AddDays(-1), leeds.Id, 15.50m);
        await db.AddActivityAsync(cal.Id, ActivityType.Joined, now.AddDays(-5), leeds.Id);
        await db.AddActivityAsync(eve.Id, ActivityType.FeedbackGiven, now.AddDays(-7));
        await db.AddActivityAsync(eve.Id, ActivityType.Purchase, now.AddDays(-31), covent.Id, 100m);
        return (manager, covent);
    }

    private static async Task<Member> AddMemberAsync(TestDb db, string name, int? storeId, DateTime joinedAt)
    {
        var (member, _) = await db.AddMemberAsync(name, withLogin: false, homeStoreId: storeId);
        await db.QueryAsync(c => c.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.JoinedAt, joinedAt), Ct));
        return member;
    }
}
