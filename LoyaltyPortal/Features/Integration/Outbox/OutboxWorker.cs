using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Integration.Outbox;

/// <summary>
/// Runs the <see cref="OutboxDispatcher"/>: straight on while full batches keep coming, otherwise after a nudge
/// (<see cref="OutboxSignal"/>) or the poll interval. Prunes old messages once an hour. Stops as soon as the host does.
/// </summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, OutboxSignal signal, TimeProvider clock, IOptions<OutboxOptions> options,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPrune = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempted = 0;
            try
            {
                attempted = await dispatcher.DispatchDueAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextPrune)
                {
                    nextPrune = clock.GetUtcNow() + PruneEvery;
                    await dispatcher.PruneAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The outbox could not be read; trying again in {Interval}", options.Value.PollInterval);
            }
            if (attempted >= options.Value.BatchSize) continue;
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
