namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// SplitMix64's finaliser: every input bit changes every output bit, and unlike <see cref="HashCode"/> the result is the
/// same in every process. Deterministic samples (ROI) and jitter (charts) use it so a page draws the same on every load.
/// </summary>
public static class StableMix
{
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
