using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>Managers read the card-view audit: filtered, paged, newest first, and nobody else may.</summary>
public sealed class CardViewAuditServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(TestDb Db, Caller Manager, Store Garden, Store Arndale, int Anna, string AnnaCode, int Jo, DateTime Now);

    /// <summary>Anna seen at Covent Garden by Sam (3) and at Manchester by Tom (1); Jo seen at Covent Garden by Sam (1).</summary>
    private static async Task<World> SetUpAsync(DatabaseProvider provider)
    {
        var db = await TestDb.CreateAsync(provider);
        var garden = await db.AddStoreAsync("Covent Garden");
        var arndale = await db.AddStoreAsync("Manchester Arndale");
        var manager = await db.AddUserAsync(Roles.Manager, "Maya Patel", storeId: garden.Id);
        var (anna, _) = await db.AddMemberAsync("Anna Müller", withLogin: false, phone: "+447700900123");
        var (jo, _) = await db.AddMemberAsync("Jo Mullins", withLogin: false, phone: "+447700900456");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await AddViewsAsync(db,
            (anna.Id, "Sam Okafor", garden.Id, now.AddHours(-1)),
            (anna.Id, "Sam Okafor", garden.Id, now.AddDays(-1)),
            (anna.Id, "Sam Okafor", garden.Id, now.AddDays(-2)),
            (anna.Id, "Tom Fletcher", arndale.Id, now.AddDays(-3)),
            (jo.Id, "Sam Okafor", garden.Id, now.AddMinutes(-5)));
        return new World(db, manager, garden, arndale, anna.Id, anna.MemberCode, jo.Id, now);
    }

    private static async Task AddViewsAsync(TestDb db, params (int MemberId, string Staff, int? StoreId, DateTime At)[] views)
    {
        await using var context = db.NewContext();
        context.CardViews.AddRange(views.Select(v => new CardView { MemberId = v.MemberId, StaffUserId = "user-" + v.Staff, StaffName = v.Staff, StoreId = v.StoreId, ViewedAt = v.At }));
        await context.SaveChangesAsync(Ct);
    }

    private static Task<CardViewPage> GetAsync(World w, AuditFilter filter) => w.Db.Get<CardViewAuditService>().GetAsync(w.Manager, filter, Ct);

    [Theory, AllProviders]
    public async Task Views_come_newest_first_with_member_staff_and_store_names(DatabaseProvider provider)
    {
        var w = await SetUpAsync(provider);
        await using var _ = w.Db;

        var page = await GetAsync(w, new AuditFilter());

        Assert.Equal(5, page.TotalCount);
        var first = page.Rows[0];
        Assert.Equal((w.Jo, "Jo Mullins", "Sam Okafor", "Covent Garden", w.Now.AddMinutes(-5)), (first.MemberId, first.MemberName, first.StaffName, first.StoreName, first.ViewedAt));
        Assert.Equal(page.Rows.OrderByDescending(r => r.ViewedAt).Select(r => r.Id), page.Rows.Select(r => r.Id));
    }

    [Theory, AllProviders]
    public async Task Filtering_by_store_keeps_that_stores_views(DatabaseProvider provider)
    {
        var w = await SetUpAsync(provider);
        await using var _ = w.Db;

        var page = await GetAsync(w, new AuditFilter(StoreId: w.Arndale.Id));

        var row = Assert.Single(page.Rows);
        Assert.Equal(("Tom Fletcher", "Manchester Arndale", 1), (row.StaffName, row.StoreName, page.TotalCount));
    }

    [Theory, AllProviders]
    public async Task Filtering_by_staff_matches_part_of_the_name_in_any_case(DatabaseProvider provider)
    {
        var w = await SetUpAsync(provider);
        await using var _ = w.Db;

        Assert.Equal(4, (await GetAsync(w, new AuditFilter(Staff: "okaf"))).TotalCount);
        Assert.Equal(1, (await GetAsync(w, new AuditFilter(Staff: " TOM "))).TotalCount);
        Assert.Equal(0, (await GetAsync(w, new AuditFilter(Staff: "nobody"))).TotalCount);
    }

    [Theory, AllProviders]
    public async Task Filtering_by_member_matches_the_code_or_part_of_the_name_ignoring_accents(DatabaseProvider provider)
    {
        var w = await SetUpAsync(provider);
        await using var _ = w.Db;

        Assert.Equal(4, (await GetAsync(w, new AuditFilter(Member: w.AnnaCode.ToLowerInvariant()))).TotalCount);
        Assert.Equal(4, (await GetAsync(w, new AuditFilter(Member: "MÜLLER"))).TotalCount);
        Assert.Equal(5, (await GetAsync(w, new AuditFilter(Member: "mull"))).TotalCount);
        Assert.Equal([w.Jo], (await GetAsync(w, new AuditFilter(Member: "Jo M"))).Rows.Select(r => r.MemberId));
    }

    [Theory, AllProviders]
    public async Task A_date_range_is_whole_days_in_the_programmes_time_zone(DatabaseProvider provider)
    {
        var w = await SetUpAsync(provider);
        await using var _ = w.Db;
        // London summer time: 23:30 UTC on 30 June is already 1 July in the stores.
        var lateJune = new DateTime(2026, 6, 30, 22, 30, 0, DateTimeKind.Utc);
        var firstJuly = new DateTime(2026, 6, 30, 23, 30, 0, DateTimeKind.Utc);
        await AddViewsAsync(w.Db, (w.Anna, "Sam Okafor", w.Garden.Id, lateJune), (w.Anna, "Sam Okafor", w.Garden.Id, firstJuly));

        var july = await GetAsync(w, new AuditFilter(From: new DateOnly(2026, 7, 1), To: new DateOnly(2026, 7, 1)));
        var june = await GetAsync(w, new AuditFilter(To: new DateOnly(2026, 6, 30)));
        var lastTwoDays = await GetAsync(w, new AuditFilter(From: DateOnly.FromDateTime(w.Now).AddDays(-1)));

        Assert.Equal([firstJuly], july.Rows.Select(r => r.ViewedAt));
        Assert.Equal([lateJune], june.Rows.Select(r => r.ViewedAt));
        Assert.Equal(3, lastTwoDays.TotalCount);
    }

    [Theory, AllProviders]
    public async Task A_range_that_ends_before_it_starts_gets_a_message(DatabaseProvider provider)
    {
        var w = await SetUpAsync(provider);
        await using var _ = w.Db;

        var page = await GetAsync(w, new AuditFilter(From: new DateOnly(2026, 11, 20), To: new DateOnly(2026, 11, 19)));

        Assert.Equal(("The start date is after the end date.", 0), (page.Message, page.TotalCount));
        Assert.Empty(page.Rows);
    }

    [Theory, AllProviders]
    public async Task Pages_hold_fifty_views_and_a_page_past_the_end_shows_the_last(DatabaseProvider provider)
    {
        var w = await SetUpAsync(provider);
        await using var _ = w.Db;
        await AddViewsAsync(w.Db, Enumerable.Range(1, 115).Select(i => (w.Jo, "Ada Lovelace", (int?)w.Arndale.Id, w.Now.AddDays(-10).AddMinutes(-i))).ToArray());

        var first = await GetAsync(w, new AuditFilter());
        var third = await GetAsync(w, new AuditFilter(Page: 2));
        var beyond = await GetAsync(w, new AuditFilter(Page: 99));

        Assert.Equal((50, 120, 0), (first.Rows.Count, first.TotalCount, first.Page));
        Assert.Equal((20, 2), (third.Rows.Count, third.Page));
        Assert.Equal(w.Now.AddDays(-10).AddMinutes(-115), third.Rows[^1].ViewedAt);
        Assert.Equal(2, beyond.Page);
        Assert.Equal(third.Rows.Select(r => r.Id), beyond.Rows.Select(r => r.Id));
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(third.Rows.Select(r => r.Id)));
    }

    [Theory, AllProviders]
    public async Task The_staff_pick_list_holds_each_name_once_in_order(DatabaseProvider provider)
    {
        var w = await SetUpAsync(provider);
        await using var _ = w.Db;

        Assert.Equal(["Sam Okafor", "Tom Fletcher"], await w.Db.Get<CardViewAuditService>().GetStaffNamesAsync(w.Manager, Ct));
    }

    [Theory, AllProviders]
    public async Task Staff_and_members_may_not_read_the_audit(DatabaseProvider provider)
    {
        var w = await SetUpAsync(provider);
        await using var _ = w.Db;
        var staff = await w.Db.AddUserAsync(Roles.Staff, storeId: w.Garden.Id);
        var (_, member) = await w.Db.AddMemberAsync("Curious Member");
        var audit = w.Db.Get<CardViewAuditService>();

        foreach (var caller in new[] { staff, member! })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => audit.GetAsync(caller, new AuditFilter(), Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => audit.GetStaffNamesAsync(caller, Ct));
        }
    }
}
