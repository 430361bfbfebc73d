using LoyaltyPortal.Features.Jobs;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Insights.Rollups;

/// <summary>
/// Refreshes the insight rollups at start-up (the first run reads the whole history) and then every
/// <see cref="InsightsSettings.RefreshSeconds"/>. A run with nothing new costs three id lookups.
/// </summary>
public sealed class InsightsRollupWorker(InsightsRollups rollups, ScheduledJobs jobs, IOptions<InsightsSettings> options, TimeProvider clock,
    ILogger<InsightsRollupWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.RefreshSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            await jobs.RunAsync(ScheduledJobs.InsightsRollups, jobs.SlotOf(interval), async ct =>
            {
                var started = clock.GetTimestamp();
                var run = await rollups.RefreshAsync(ct);
                if (run.ActivityDays + run.PulseDays + run.TierMoveDays > 0)
                {
                    logger.LogInformation("Insight rollups refreshed {ActivityDays} activity days, {Weeks} weeks, {PulseDays} pulse days and {TierMoveDays} tier-move days in {Elapsed}",
                        run.ActivityDays, run.Weeks, run.PulseDays, run.TierMoveDays, clock.GetElapsedTime(started));
                }
            }, stoppingToken);
            await Task.Delay(interval, clock, stoppingToken);
        }
    }
}
