using System.Threading.Channels;

namespace LoyaltyPortal.Features.Integration.Outbox;

/// <summary>Wakes this instance's worker as soon as a message is committed, so an email does not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Nudge() => wake.Writer.TryWrite(true);

    /// <summary>Returns after a nudge or after <paramref name="timeout"/>; throws only when <paramref name="ct"/> is cancelled.</summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await wake.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed.
        }
        while (wake.Reader.TryRead(out _)) { }
    }
}
