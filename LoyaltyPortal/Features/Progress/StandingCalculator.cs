namespace LoyaltyPortal.Features.Progress;

/// <summary>An activity's points and when it happened: all a standing needs.</summary>
public readonly record struct EarnedPoints(DateTime OccurredAt, int Points);

public sealed record TierStep(int Id, string Name, int Threshold, int Rank);

/// <summary>
/// Where a member stands at an instant, from the ledger alone.
/// <see cref="HeldTierId"/> is the tier kept: the highest tier whose threshold was met at some moment in the grace
/// period ending now. <see cref="PointsInWindow"/> is what counts now; <see cref="DropsAt"/> is when the held tier
/// would drop if nothing more were earned.
/// </summary>
public sealed record Standing(int PointsInWindow, int HeldTierId, int QualifiedTierId, DateTime? DropsAt);

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
        var grace = TimeSpan.FromDays(graceDays);
        var points = PointsAt(activities, now, windowMonths);
        var qualified = TierFor(ordered, points);

        // Points peak just after an activity, so the best moment in the grace period is its start or an activity in it.
        var best = PointsAt(activities, now - grace, windowMonths);
        foreach (var a in activities)
        {
            if (a.OccurredAt > now - grace && a.OccurredAt <= now) best = Math.Max(best, PointsAt(activities, a.OccurredAt, windowMonths));
        }
        var held = TierFor(ordered, Math.Max(best, points));
        var dropsAt = held.Threshold <= ordered[0].Threshold ? (DateTime?)null : LastMomentAtOrAbove(activities, held.Threshold, now, windowMonths) + grace;
        return new Standing(points, held.Id, qualified.Id, dropsAt);
    }

    /// <summary>Points counted at an instant: activities in the window ending then.</summary>
    public static int PointsAt(IEnumerable<EarnedPoints> activities, DateTime at, int windowMonths)
    {
        var from = at.AddMonths(-windowMonths);
        return activities.Where(a => a.OccurredAt > from && a.OccurredAt <= at).Sum(a => a.Points);
    }

    public static TierStep TierFor(IReadOnlyList<TierStep> orderedByThreshold, int points) =>
        orderedByThreshold.LastOrDefault(t => t.Threshold <= points) ?? orderedByThreshold[0];

    /// <summary>
    /// When the points fall below the threshold for the last time, assuming nothing more is earned. Points only
    /// fall when an activity ages out of the window, so the answer is one of those moments.
    /// </summary>
    private static DateTime LastMomentAtOrAbove(IReadOnlyCollection<EarnedPoints> activities, int threshold, DateTime now, int windowMonths)
    {
        foreach (var agesOut in activities.Select(a => a.OccurredAt.AddMonths(windowMonths)).Distinct().OrderByDescending(t => t))
        {
            // The instant before an activity ages out still counts it.
            if (PointsAt(activities, agesOut.AddTicks(-1), windowMonths) >= threshold) return agesOut;
        }
        return now;
    }
}
