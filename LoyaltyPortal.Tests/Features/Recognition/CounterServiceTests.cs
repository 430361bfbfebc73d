using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>Now is 20 Nov 2026 10:00 UTC, so "today" began ten hours ago.</summary>
public sealed class CounterServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Counter_for_a_manager_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager, storeId: (await db.AddStoreAsync()).Id);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<CounterService>().GetAsync(manager, Ct));
    }

    [Theory, AllProviders]
    public async Task Counter_for_a_member_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, member) = await db.AddMemberAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<CounterService>().GetAsync(member!, Ct));
    }

    [Theory, AllProviders]
    public async Task Counter_for_staff_without_a_store_is_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff);

        Assert.Null(await db.Get<CounterService>().GetAsync(staff, Ct));
    }

    [Theory, AllProviders]
    public async Task Counter_for_staff_of_a_store_that_no_longer_exists_is_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff);

        Assert.Null(await db.Get<CounterService>().GetAsync(staff with { StoreId = 999_999 }, Ct));
    }

    [Theory, AllProviders]
    public async Task Counter_counts_todays_visits_purchases_and_spend_at_the_callers_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var here = await db.AddStoreAsync("Covent Garden");
        var there = await db.AddStoreAsync("Leeds");
        var staff = await db.AddUserAsync(Roles.Staff, storeId: here.Id);
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        var (ben, _) = await db.AddMemberAsync("Ben", withLogin: false);
        var today = db.Clock.GetUtcNow().UtcDateTime.Date;
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, today.AddHours(9), here.Id);
        await db.AddActivityAsync(ann.Id, ActivityType.Purchase, today.AddHours(9.2), here.Id, 24.99m);
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, today.AddHours(8), here.Id);
        await db.AddActivityAsync(ben.Id, ActivityType.Purchase, today.AddMinutes(-30), here.Id, 80m);
        await db.AddActivityAsync(ben.Id, ActivityType.Purchase, today.AddHours(9), there.Id, 50m);

        var counter = await db.Get<CounterService>().GetAsync(staff, Ct);

        Assert.Equal(("Covent Garden", 2, 1, 24.99m), (counter!.StoreName, counter.VisitsToday, counter.PurchasesToday, counter.SpendToday));
    }

    [Theory, AllProviders]
    public async Task Counter_counts_members_who_joined_at_the_store_today(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var here = await db.AddStoreAsync("Covent Garden");
        var there = await db.AddStoreAsync("Leeds");
        var staff = await db.AddUserAsync(Roles.Staff, storeId: here.Id);
        var today = db.Clock.GetUtcNow().UtcDateTime.Date;
        await AddMemberJoinedAsync(db, "New here", here.Id, today.AddHours(8));
        await AddMemberJoinedAsync(db, "Yesterday here", here.Id, today.AddHours(-1));
        await AddMemberJoinedAsync(db, "New there", there.Id, today.AddHours(8));

        var counter = await db.Get<CounterService>().GetAsync(staff, Ct);

        Assert.Equal(1, counter!.NewMembersToday);
    }

    [Theory, AllProviders]
    public async Task Counter_lists_recent_visitors_at_the_store_latest_first_with_their_latest_note(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var here = await db.AddStoreAsync("Covent Garden");
        var there = await db.AddStoreAsync("Leeds");
        var staff = await db.AddUserAsync(Roles.Staff, storeId: here.Id);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var (ann, _) = await db.AddMemberAsync("Ann", withLogin: false);
        var (ben, _) = await db.AddMemberAsync("Ben", withLogin: false);
        var (cal, _) = await db.AddMemberAsync("Cal", withLogin: false);
        var (dee, _) = await db.AddMemberAsync("Dee", withLogin: false);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, now.AddDays(-3), here.Id);
        await db.AddActivityAsync(ann.Id, ActivityType.Visit, now.AddHours(-1), here.Id);
        await db.AddActivityAsync(ben.Id, ActivityType.Visit, now.AddDays(-10), here.Id);
        await db.AddActivityAsync(cal.Id, ActivityType.Visit, now.AddDays(-20), here.Id);
        await db.AddActivityAsync(dee.Id, ActivityType.Visit, now.AddHours(-2), there.Id);
        await AddNoteAsync(db, ann.Id, "Older note", now.AddDays(-5));
        await AddNoteAsync(db, ann.Id, "Newer note", now.AddDays(-1));

        var counter = await db.Get<CounterService>().GetAsync(staff, Ct);

        Assert.Equal(
            [("Ann", now.AddHours(-1), "Newer note"), ("Ben", now.AddDays(-10), null)],
            counter!.RecentVisitors.Select(v => (v.PreferredName, v.LastSeenAt, v.LatestNote)));
    }

    [Theory, AllProviders]
    public async Task Counter_lists_at_most_eight_recent_visitors(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var here = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: here.Id);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        for (var i = 1; i <= 10; i++)
        {
            var (member, _) = await db.AddMemberAsync($"Member {i:00}", withLogin: false);
            await db.AddActivityAsync(member.Id, ActivityType.Visit, now.AddHours(-i), here.Id);
        }

        var counter = await db.Get<CounterService>().GetAsync(staff, Ct);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"Member {i:00}"), counter!.RecentVisitors.Select(v => v.PreferredName));
    }

    [Theory, AllProviders]
    public async Task Counter_recent_visitors_leave_out_deleted_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var here = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: here.Id);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var (gone, goneLogin) = await db.AddMemberAsync("Gone");
        var (kept, _) = await db.AddMemberAsync("Kept");
        await db.AddActivityAsync(gone.Id, ActivityType.Visit, now.AddHours(-1), here.Id);
        await db.AddActivityAsync(kept.Id, ActivityType.Visit, now.AddHours(-2), here.Id);
        await db.Get<PersonalDataService>().AnonymiseAsync(goneLogin!.UserId, Ct);

        var counter = await db.Get<CounterService>().GetAsync(staff, Ct);

        Assert.Equal(["Kept"], counter!.RecentVisitors.Select(v => v.PreferredName));
    }

    private static async Task AddMemberJoinedAsync(TestDb db, string name, int storeId, DateTime joinedAt)
    {
        var (member, _) = await db.AddMemberAsync(name, withLogin: false, homeStoreId: storeId);
        await db.QueryAsync(c => c.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.JoinedAt, joinedAt), Ct));
    }

    private static async Task AddNoteAsync(TestDb db, int memberId, string text, DateTime at)
    {
        await using var context = db.NewContext();
        context.StaffNotes.Add(new StaffNote { MemberId = memberId, AuthorUserId = "staff", AuthorName = "Sam Okafor", Text = text, CreatedAt = at });
        await context.SaveChangesAsync(Ct);
    }
}
