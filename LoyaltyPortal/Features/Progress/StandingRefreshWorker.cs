using System.Threading.Channels;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;

namespace LoyaltyPortal.Features.Progress;

/// <summary>
/// Asks for every standing to be recomputed and every met achievement awarded, in the background: after a manager
/// changes tiers, the window, grace or achievements. Requests made while a run is queued fold into it.
/// </summary>
public sealed class StandingRefresh
{
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Request() => requests.Writer.TryWrite(true);

    internal ChannelReader<bool> Requests => requests.Reader;
}

/// <summary>
/// Keeps stored standings true as time passes: points age out of the window and grace periods end without any
/// new activity, so every standing is recomputed each night (03:00 programme time, or as <c>Jobs:Standings</c> says)
/// and whenever <see cref="StandingRefresh"/> asks.
/// </summary>
public sealed class StandingRefreshWorker(StandingRefresh refresh, StandingMaintenance standings, AchievementKeeper achievements,
    ScheduledJobs jobs, JobSchedules schedules, TimeProvider clock, ILogger<StandingRefreshWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var requested = refresh.Requests.WaitToReadAsync(stoppingToken).AsTask();
            var slot = await schedules.Standings.WaitAsync(requested, clock, stoppingToken);
            while (refresh.Requests.TryRead(out _)) { }
            // A scheduled run is the same slot on every instance, so one runs it; a manager's request is a slot of its own.
            await (slot is { } night
                ? jobs.RunAsync(ScheduledJobs.StandingsNightly, night, RunAsync, stoppingToken)
                : jobs.RunRequestedAsync(ScheduledJobs.StandingsNightly, RunAsync, stoppingToken));
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var members = await standings.RecomputeAllAsync(ct);
        var awarded = await achievements.AwardFromHistoryAsync(ct);
        logger.LogInformation("Refreshed {Members} standings and awarded {Achievements} achievements in {Elapsed}",
            members, awarded, clock.GetElapsedTime(started));
    }
}
