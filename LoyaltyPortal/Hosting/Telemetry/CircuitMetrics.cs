using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LoyaltyPortal.Hosting.Telemetry;

/// <summary>
/// Counts this instance's open circuits: one per interactive page, kept from opening until the server frees it (a
/// disconnected page keeps its circuit for <see cref="CircuitSettings.DisconnectedRetentionSeconds"/>).
/// </summary>
internal sealed class CircuitMetrics(PortalMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
