using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Data;

/// <summary>The activity ledger is append-only and records each real-world event once.</summary>
public sealed class ActivityLedgerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Changing_an_activity_through_the_context_throws(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var activity = await AddVisitAsync(db);
        await using var context = db.NewContext();
        var row = await context.Activities.SingleAsync(a => a.Id == activity.Id, Ct);

        row.Amount = 999m;

        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync(Ct));
        Assert.Null(await db.QueryAsync(c => c.Activities.Where(a => a.Id == activity.Id).Select(a => a.Amount).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Deleting_an_activity_through_the_context_throws(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var activity = await AddVisitAsync(db);
        await using var context = db.NewContext();
        context.Activities.Remove(await context.Activities.SingleAsync(a => a.Id == activity.Id, Ct));

        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync(Ct));
        Assert.True(await db.QueryAsync(c => c.Activities.AnyAsync(a => a.Id == activity.Id, Ct)));
    }

    [Theory, AllProviders]
    public async Task Changing_an_activity_with_synchronous_save_throws_too(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var activity = await AddVisitAsync(db);
        await using var context = db.NewContext();
        context.Activities.Attach(activity).Property(a => a.Description).CurrentValue = "Rewritten";

        Assert.Throws<InvalidOperationException>(() => context.SaveChanges());
    }

    [Theory, AllProviders]
    public async Task Duplicate_source_key_is_rejected_by_the_database(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var activity = await AddVisitAsync(db);
        await using var context = db.NewContext();
        context.Activities.Add(new Activity { MemberId = activity.MemberId, Type = ActivityType.Visit, OccurredAt = activity.OccurredAt, SourceKey = activity.SourceKey });

        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(Ct));
        Assert.Equal(1, await db.QueryAsync(c => c.Activities.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Deleting_a_member_with_history_is_refused_by_the_database(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var activity = await AddVisitAsync(db);
        await using var context = db.NewContext();
        context.Members.Remove(await context.Members.SingleAsync(m => m.Id == activity.MemberId, Ct));

        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(Ct));
        Assert.True(await db.QueryAsync(c => c.Activities.AnyAsync(a => a.Id == activity.Id, Ct)));
    }

    [Theory, AllProviders]
    public async Task Bulk_update_of_the_ledger_is_refused_by_the_database(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var activity = await AddVisitAsync(db);
        await using var context = db.NewContext();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            context.Activities.Where(a => a.Id == activity.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Amount, 999m), Ct));
        Assert.Null(await db.QueryAsync(c => c.Activities.Where(a => a.Id == activity.Id).Select(a => a.Amount).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Bulk_delete_of_the_ledger_is_refused_by_the_database(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var activity = await AddVisitAsync(db);
        await using var context = db.NewContext();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => context.Activities.ExecuteDeleteAsync(Ct));
        Assert.True(await db.QueryAsync(c => c.Activities.AnyAsync(a => a.Id == activity.Id, Ct)));
    }

    private static async Task<Activity> AddVisitAsync(TestDb db)
    {
        var (member, _) = await db.AddMemberAsync(withLogin: false);
        await using var context = db.NewContext();
        var activity = new Activity { MemberId = member.Id, Type = ActivityType.Visit, OccurredAt = db.Clock.GetUtcNow().UtcDateTime, SourceKey = "visit:till-4:0001" };
        context.Activities.Add(activity);
        await context.SaveChangesAsync(Ct);
        return activity;
    }
}
