namespace LoyaltyPortal.Features.Progress;

/// <summary>An activity's points and when it happened: all a standing needs.</summary>
public readonly record struct EarnedPoints(DateTime OccurredAt, int Points);

public sealed record TierStep(int Id, string Name, int Threshold, int Rank);

/// <summary>
/// Where a member stands at an instant, from the ledger alone.
/// <see cref="HeldTierId"/> is the tier kept: the highest tier whose threshold was met at some moment in the grace
/// period ending now. <see cref="PointsInWindow"/> is what counts now; <see cref="DropsAt"/> is when the held tier
/// would drop if nothing more were earned, and <see cref="PointsToKeep"/> what earning before then keeps it.
/// </summary>
public sealed record Standing(int PointsInWindow, int HeldTierId, int QualifiedTierId, DateTime? DropsAt, int PointsToKeep = 0);

/// <summary>
/// Pure tier maths, shared by the ledger append, the progress page and the consistency check, so they cannot
/// disagree. Points are earned over a rolling window (never a spent-down balance); a member keeps a tier for a
/// grace period after falling below it.
/// </summary>
public static class StandingCalculator
{
    /// <param name="activities">The member's activities from at least <c>now − window − grace</c>, any order.</param>
    /// <param name="tiers">All tiers; the lowest threshold is the entry tier.</param>
    public static Standing Compute(IReadOnlyCollection<EarnedPoints> activities, IReadOnlyList<TierStep> tiers, DateTime now, int windowMonths, int graceDays)
    {
        var ordered = tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).ToList();
        var timeline = new Timeline(activities, windowMonths);
        var grace = TimeSpan.FromDays(graceDays);
        var points = timeline.PointsAt(now);
        var qualified = TierFor(ordered, points);

        // Points peak just after an activity, so the best moment in the grace period is its start or an activity in it.
        var best = timeline.PointsAt(now - grace);
        foreach (var at in timeline.TimesBetween(now - grace, now)) best = Math.Max(best, timeline.PointsAt(at));
        var held = TierFor(ordered, Math.Max(best, points));
        if (held.Threshold <= ordered[0].Threshold) return new Standing(points, held.Id, qualified.Id, null);

        var dropsAt = timeline.LastMomentAtOrAbove(held.Threshold, now) + grace;
        return new Standing(points, held.Id, qualified.Id, dropsAt, Math.Max(0, held.Threshold - timeline.PointsAt(dropsAt)));
    }

    public static TierStep TierFor(IReadOnlyList<TierStep> orderedByThreshold, int points) =>
        orderedByThreshold.LastOrDefault(t => t.Threshold <= points) ?? orderedByThreshold[0];

    /// <summary>
    /// Activities sorted by time with running totals, so the points in any window cost two binary searches: a member
    /// with thousands of activities is computed in microseconds, not by summing the list per instant.
    /// </summary>
    private sealed class Timeline
    {
        private readonly DateTime[] times;
        private readonly long[] totals;
        private readonly int windowMonths;

        public Timeline(IReadOnlyCollection<EarnedPoints> activities, int windowMonths)
        {
            var sorted = activities.OrderBy(a => a.OccurredAt).ToArray();
            times = sorted.Select(a => a.OccurredAt).ToArray();
            totals = new long[sorted.Length + 1];
            for (var i = 0; i < sorted.Length; i++) totals[i + 1] = totals[i] + sorted[i].Points;
            this.windowMonths = windowMonths;
        }

        /// <summary>Points counted at an instant: activities in the window (at − months, at].</summary>
        public int PointsAt(DateTime at) => (int)(totals[CountUpTo(at)] - totals[CountUpTo(at.AddMonths(-windowMonths))]);

        public IEnumerable<DateTime> TimesBetween(DateTime after, DateTime upTo)
        {
            for (var i = CountUpTo(after); i < times.Length && times[i] <= upTo; i++) yield return times[i];
        }

        /// <summary>
        /// When the points fall below the threshold for the last time, assuming nothing more is earned. Points only
        /// fall when an activity ages out of the window, so the answer is one of those moments.
        /// </summary>
        public DateTime LastMomentAtOrAbove(int threshold, DateTime now)
        {
            for (var i = times.Length - 1; i >= 0; i--)
            {
                var agesOut = times[i].AddMonths(windowMonths);
                // The instant before an activity ages out still counts it.
                if (PointsAt(agesOut.AddTicks(-1)) >= threshold) return agesOut;
            }
            return now;
        }

        /// <summary>How many activities happened at or before the instant.</summary>
        private int CountUpTo(DateTime at)
        {
            int low = 0, high = times.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (times[mid] <= at) low = mid + 1;
                else high = mid;
            }
            return low;
        }
    }
}
