using LoyaltyPortal.Components.Shared;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// How sure the ROI can be. Each member's change (after minus before) is one observation; the effect is the attendees'
/// average change minus the comparison's. Resampling members with replacement, a fixed number of times, gives a 95%
/// interval for it. The random draws are seeded from the filter and the data measured, so a filter shows the same
/// interval on every load until new data arrives; with few members an unseeded draw could flip the story between loads.
/// </summary>
public static class RoiUncertainty
{
    /// <summary>Bootstrap resamples per interval: enough for stable 2.5% and 97.5% cut points, bounded so a load stays fast.</summary>
    public const int Resamples = 1_000;

    /// <summary>
    /// Members each group needs before the page draws a conclusion. Below this, one or two unusual members move the
    /// averages so much that the interval (itself an approximation) can't be trusted.
    /// </summary>
    public const int MinimumGroupSize = 30;

    /// <summary>One member's change from the before window to the after window.</summary>
    public readonly record struct Change(int MemberId, DateOnly Day, double Visits, double Spend);

    /// <summary>The visits and spend effects with their 95% intervals; null when either group is empty.</summary>
    public static (RoiEffect Visits, RoiEffect Spend)? Estimate(
        IReadOnlyList<Change> attendees, IReadOnlyList<Change> others, ulong filterSeed)
    {
        if (attendees.Count == 0 || others.Count == 0) return null;
        // Plain arrays and a small generator of our own: 1,000 resamples of 4,000 members each stay within milliseconds,
        // and the draws are the same on every runtime (System.Random's seeded sequence is not promised to be).
        var random = new SplitMix64(Seed(filterSeed, attendees, others));
        var (attendeeVisits, attendeeSpend) = (attendees.Select(c => c.Visits).ToArray(), attendees.Select(c => c.Spend).ToArray());
        var (otherVisits, otherSpend) = (others.Select(c => c.Visits).ToArray(), others.Select(c => c.Spend).ToArray());
        var visits = new double[Resamples];
        var spend = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            var attended = ResampledMeans(attendeeVisits, attendeeSpend, ref random);
            var compared = ResampledMeans(otherVisits, otherSpend, ref random);
            (visits[r], spend[r]) = (attended.Visits - compared.Visits, attended.Spend - compared.Spend);
        }
        return (Interval(attendeeVisits.Average() - otherVisits.Average(), visits),
            Interval(attendeeSpend.Average() - otherSpend.Average(), spend));
    }

    /// <summary>A stable 64-bit hash (FNV-1a) of the values: unlike <see cref="HashCode"/>, the same in every process.</summary>
    public static ulong Hash(params ReadOnlySpan<long> values)
    {
        var hash = 14695981039346656037UL;
        foreach (var value in values)
        {
            for (var shift = 0; shift < 64; shift += 8) hash = (hash ^ (byte)(value >> shift)) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>The filter as a seed: different filters draw different samples, the same filter always the same one.</summary>
    public static ulong Seed(InsightsFilter filter) =>
        Hash(filter.From.DayNumber, filter.To.DayNumber, filter.StoreId ?? -1, filter.TierId ?? -1);

    /// <summary>
    /// A member's place in the seeded random order (SplitMix64's finaliser). Taking the lowest ranks gives a uniform
    /// sample that stays the same as members join, apart from the newcomers that rank among the lowest.
    /// </summary>
    public static ulong Rank(int memberId, ulong seed) => StableMix.Mix((ulong)(uint)memberId + seed + StableMix.Golden);

    private static ulong Seed(ulong filterSeed, IReadOnlyList<Change> attendees, IReadOnlyList<Change> others)
    {
        var hash = filterSeed;
        foreach (var c in attendees.Concat(others))
        {
            hash ^= Hash(c.MemberId, c.Day.DayNumber, BitConverter.DoubleToInt64Bits(c.Visits), BitConverter.DoubleToInt64Bits(c.Spend));
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>One resample: as many members as the group has, drawn with replacement; visits and spend of the same members.</summary>
    private static (double Visits, double Spend) ResampledMeans(double[] visits, double[] spend, ref SplitMix64 random)
    {
        double visitSum = 0, spendSum = 0;
        for (var i = 0; i < visits.Length; i++)
        {
            var pick = random.Below(visits.Length);
            visitSum += visits[pick];
            spendSum += spend[pick];
        }
        return (visitSum / visits.Length, spendSum / visits.Length);
    }

    /// <summary>SplitMix64: a small, fast generator whose sequence depends on its seed alone.</summary>
    private struct SplitMix64(ulong state)
    {
        public int Below(int count)
        {
            state += StableMix.Golden;
            return (int)((StableMix.Mix(state) >> 32) * (ulong)count >> 32);
        }
    }


    /// <summary>The percentile interval: the resampled effects' 2.5th and 97.5th percentiles.</summary>
    private static RoiEffect Interval(double estimate, double[] resampled)
    {
        Array.Sort(resampled);
        return new(estimate, resampled[(int)(resampled.Length * 0.025)], resampled[(int)Math.Ceiling(resampled.Length * 0.975) - 1]);
    }
}
