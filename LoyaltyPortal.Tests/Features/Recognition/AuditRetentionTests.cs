using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Features.TillApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>Card views and till API calls older than the retention period are deleted each night; newer ones stay.</summary>
public sealed class AuditRetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Api_calls_and_card_views_past_the_retention_period_are_deleted_in_batches_and_the_rest_kept(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var manager = await db.AddUserAsync(Roles.Manager, "Maya Patel", storeId: store.Id);
        var (anna, _) = await db.AddMemberAsync("Anna Müller", withLogin: false);
        var keys = db.Get<ApiKeyService>();
        await keys.CreateAsync(manager, new NewApiKeyInput { Name = "Till 1", StoreId = store.Id }, Ct);
        await keys.CreateAsync(manager, new NewApiKeyInput { Name = "Till 2", StoreId = store.Id }, Ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        // One day either side of the 30-day line, and the second key's old calls after it was revoked.
        DateTime[] ages = [now.AddDays(-400), now.AddDays(-31), now.AddDays(-31), now.AddDays(-29), now.AddHours(-1)];
        await using (var context = db.NewContext())
        {
            var keyIds = await context.ApiKeys.OrderBy(k => k.Id).Select(k => k.Id).ToListAsync(Ct);
            foreach (var at in ages)
            {
                context.CardViews.Add(new CardView { MemberId = anna.Id, StaffUserId = manager.UserId, StaffName = "Maya Patel", StoreId = store.Id, ViewedAt = at });
                context.ApiCalls.AddRange(keyIds.Select(id => new ApiCall { ApiKeyId = id, At = at, Method = "POST", Route = "/api/v1/visits", StatusCode = 200, MemberId = anna.Id }));
            }
            await context.SaveChangesAsync(Ct);
            await context.ApiKeys.Where(k => k.Id == keyIds[1]).ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), Ct);
        }
        var retention = new AuditRetention(db.Factory, Options.Create(new AuditRetentionOptions { RetentionDays = 30 }), db.Clock) { BatchSize = 2 };

        var pruned = await retention.PruneAsync(Ct);
        var again = await retention.PruneAsync(Ct);

        Assert.Equal(new AuditPruned(CardViews: 3, ApiCalls: 6), pruned);
        Assert.Equal(new AuditPruned(0, 0), again);
        var kept = now.AddDays(-30);
        Assert.Equal(2, await db.QueryAsync(c => c.CardViews.CountAsync(v => v.ViewedAt > kept, Ct)));
        Assert.Equal(2, await db.QueryAsync(c => c.CardViews.CountAsync(Ct)));
        Assert.Equal(4, await db.QueryAsync(c => c.ApiCalls.CountAsync(a => a.At > kept, Ct)));
        Assert.Equal(4, await db.QueryAsync(c => c.ApiCalls.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(0, AuditRetentionOptions.MinimumDays)]
    [InlineData(-5, AuditRetentionOptions.MinimumDays)]
    [InlineData(365, 365)]
    [InlineData(int.MaxValue, AuditRetentionOptions.MaximumDays)]
    public void The_retention_period_is_bounded(int configured, int used) =>
        Assert.Equal(used, new AuditRetentionOptions { RetentionDays = configured }.RetentionDays);

    [Fact]
    public void The_clean_up_runs_nightly_by_default_and_is_listed_with_the_background_jobs()
    {
        var schedules = new JobSchedules(Options.Create(new JobScheduleOptions()), Options.Create(new ProgrammeOptions()), TimeProvider.System);

        Assert.Equal(new TimeOnly(4, 30), schedules.AuditRetention.DailyAt);
        Assert.Contains(JobStatusService.Known, job => job.Name == ScheduledJobs.AuditRetention);
    }

    [Fact]
    public void A_clean_up_schedule_that_cannot_be_read_stops_the_app_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new JobSchedules(
            Options.Create(new JobScheduleOptions { AuditRetention = "every night" }), Options.Create(new ProgrammeOptions()), TimeProvider.System));

        Assert.Contains("Jobs:AuditRetention", error.Message, StringComparison.Ordinal);
    }
}
