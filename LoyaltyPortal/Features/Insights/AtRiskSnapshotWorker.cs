using System.Threading.Channels;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// Asks for the members at risk to be worked out again, and tells the page when a run is under way and when it has
/// finished. Requests made while a run is queued or running fold into it.
/// </summary>
public sealed class AtRiskRecalculation
{
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int busy;

    /// <summary>A run is queued or running.</summary>
    public bool IsBusy => Volatile.Read(ref busy) == 1;

    /// <summary>Raised after each run, successful or not, so open pages can read the new snapshot.</summary>
    public event Action? Finished;

    /// <summary>Queues a run; false when one was already queued or running, which this request joins.</summary>
    internal bool Request()
    {
        if (Interlocked.Exchange(ref busy, 1) == 1) return false;
        requests.Writer.TryWrite(true);
        return true;
    }

    internal ChannelReader<bool> Requests => requests.Reader;

    internal void Started() => Volatile.Write(ref busy, 1);

    internal void Done(ILogger? logger = null)
    {
        while (requests.Reader.TryRead(out _)) { }
        Volatile.Write(ref busy, 0);
        // One page failing to hear about it must neither stop the others hearing nor stop the worker.
        foreach (var listener in Finished?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                listener();
            }
            catch (Exception ex)
            {
                logger?.LogWarning(ex, "A page could not be told the members at risk were worked out again");
            }
        }
    }
}

/// <summary>
/// Keeps the at-risk snapshot current: at start-up when there is none or it is over a day old, each night
/// (04:00 programme time, after the standings refresh, or as <c>Jobs:AtRisk</c> says) and whenever a manager asks through <see cref="AtRiskRecalculation"/>.
/// </summary>
public sealed class AtRiskSnapshotWorker(AtRiskRecalculation recalculation, AtRiskSnapshotBuilder builder, ScheduledJobs jobs,
    JobSchedules schedules, ProgrammeCalendar calendar, TimeProvider clock, ILogger<AtRiskSnapshotWorker> logger) : BackgroundService
{
    public static readonly TimeSpan MaxAgeAtStart = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up work must not hold up the host: yield before the first database read.
        await Task.Yield();
        if (await NeedsRunAtStartAsync(stoppingToken)) await RunAsync(null, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var requested = recalculation.Requests.WaitToReadAsync(stoppingToken).AsTask();
            await RunAsync(await schedules.AtRisk.WaitAsync(requested, clock, stoppingToken), stoppingToken);
        }
    }

    public async Task<bool> NeedsRunAtStartAsync(CancellationToken ct)
    {
        try
        {
            return await builder.LatestComputedAtAsync(ct) is not { } last || calendar.UtcNow - last > MaxAgeAtStart;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not read the latest at-risk snapshot; working it out again");
            return true;
        }
    }

    private async Task ComputeAsync(CancellationToken ct)
    {
        var run = await builder.ComputeAsync(ct);
        logger.LogInformation("Worked out {AtRisk} members at risk ({Rows} ranked rows over all scopes) in {Elapsed}", run.AtRisk, run.Rows, run.Elapsed);
    }

    /// <summary>One run for the night <paramref name="night"/> (or now, when asked or at start), on one instance only.</summary>
    private async Task RunAsync(DateTime? night, CancellationToken ct)
    {
        recalculation.Started();
        try
        {
            await (night is { } slot ? jobs.RunAsync(ScheduledJobs.AtRiskSnapshot, slot, ComputeAsync, ct) : jobs.RunRequestedAsync(ScheduledJobs.AtRiskSnapshot, ComputeAsync, ct));
        }
        finally
        {
            if (!ct.IsCancellationRequested) recalculation.Done(logger);
        }
    }
}
