using Microsoft.AspNetCore.Components.Server;

namespace LoyaltyPortal.Hosting;

/// <summary>
/// How long the server keeps a disconnected page (circuit) in memory, and how many. A phone that sleeps or changes
/// network gets its circuit back within the retention period; after it the circuit's persisted state (a few kilobytes,
/// see <c>[PersistentState]</c> on My progress) is kept instead and the page resumes from that, so a member who wanders
/// off costs the server almost nothing while they are away.
/// </summary>
public sealed class CircuitSettings
{
    public const string Section = "Circuits";

    /// <summary>Seconds a disconnected circuit is kept whole (5 to 600).</summary>
    public int DisconnectedRetentionSeconds { get; set; } = 60;

    /// <summary>Disconnected circuits kept whole at once (0 to 10,000); older ones are persisted and freed first.</summary>
    public int DisconnectedMaxRetained { get; set; } = 200;

    /// <summary>Persisted circuits kept for resuming (0 to 100,000), each for <see cref="PersistedRetentionMinutes"/>.</summary>
    public int PersistedMaxRetained { get; set; } = 10_000;

    /// <summary>Minutes a persisted circuit can still be resumed (1 to 1,440).</summary>
    public int PersistedRetentionMinutes { get; set; } = 120;

    public void Apply(CircuitOptions options)
    {
        options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(Math.Clamp(DisconnectedRetentionSeconds, 5, 600));
        options.DisconnectedCircuitMaxRetained = Math.Clamp(DisconnectedMaxRetained, 0, 10_000);
        options.PersistedCircuitInMemoryMaxRetained = Math.Clamp(PersistedMaxRetained, 0, 100_000);
        options.PersistedCircuitInMemoryRetentionPeriod = TimeSpan.FromMinutes(Math.Clamp(PersistedRetentionMinutes, 1, 1_440));
    }
}
