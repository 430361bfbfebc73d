using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>How long the audit trails are kept (section <c>Audit</c>).</summary>
public sealed class AuditRetentionOptions
{
    public const string Section = "Audit";
    public const int MinimumDays = 30;
    public const int MaximumDays = 3650;

    /// <summary>
    /// Days a card view (staff opening a member's card) and a till API call stay in the audit; older ones are deleted
    /// each night. 30 to 3,650; two years by default, long enough to answer a member's "who looked at my card?" and
    /// short enough that a busy till does not keep every call forever.
    /// </summary>
    public int RetentionDays
    {
        get;
        set => field = Math.Clamp(value, MinimumDays, MaximumDays);
    } = 730;
}

/// <summary>What one clean-up deleted.</summary>
public sealed record AuditPruned(int CardViews, int ApiCalls);

/// <summary>
/// Deletes card views and till API calls older than <see cref="AuditRetentionOptions.RetentionDays"/>. Each batch is
/// its own short transaction, so the first run over years of history never holds SQLite's single writer for long;
/// each batch is found through an index on the time (per key for API calls), not by scanning the table.
/// </summary>
public sealed class AuditRetention(IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<AuditRetentionOptions> options, TimeProvider clock)
{
    public const int DefaultBatchSize = 5_000;

    /// <summary>Rows deleted per transaction (1–50,000).</summary>
    public int BatchSize
    {
        get;
        init => field = Math.Clamp(value, 1, 50_000);
    } = DefaultBatchSize;

    public async Task<AuditPruned> PruneAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        var views = await DeleteInBatchesAsync(db => db.CardViews.Where(v => v.ViewedAt < before).OrderBy(v => v.ViewedAt), ct);
        List<int> keyIds;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Revoked keys included: their calls age out like any other. A deleted key's calls went with it.
            keyIds = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Id).ToListAsync(ct);
        }
        var calls = 0;
        foreach (var keyId in keyIds)
        {
            calls += await DeleteInBatchesAsync(db => db.ApiCalls.Where(c => c.ApiKeyId == keyId && c.At < before).OrderBy(c => c.At), ct);
        }
        return new AuditPruned(views, calls);
    }

    private async Task<int> DeleteInBatchesAsync<T>(Func<LoyaltyDbContext, IQueryable<T>> oldest, CancellationToken ct)
    {
        var total = 0;
        int deleted;
        do
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            deleted = await oldest(db).Take(BatchSize).ExecuteDeleteAsync(ct);
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }
}

/// <summary>Runs the audit clean-up each night (04:30 programme time, or as <c>Jobs:AuditRetention</c> says), on one instance only.</summary>
public sealed class AuditRetentionWorker(AuditRetention retention, ScheduledJobs jobs, JobSchedules schedules, TimeProvider clock,
    ILogger<AuditRetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Nobody asks for this job by hand: only the schedule wakes it.
        var never = Task.Delay(Timeout.Infinite, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await schedules.AuditRetention.WaitAsync(never, clock, stoppingToken) is not { } night) continue;
            await jobs.RunAsync(ScheduledJobs.AuditRetention, night, async ct =>
            {
                var pruned = await retention.PruneAsync(ct);
                logger.LogInformation("Deleted {CardViews} card views and {ApiCalls} till API calls past the audit retention period",
                    pruned.CardViews, pruned.ApiCalls);
            }, stoppingToken);
        }
    }
}
