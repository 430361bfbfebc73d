namespace LoyaltyPortal.Features.Insights;

/// <summary>Where a member falls on the spenders-versus-senders chart.</summary>
public enum AdvocacyQuadrant { Champion, Spender, Sender, Quiet }

/// <summary>One member on the scatter: spend in the range and advocacy acts (referrals converted, guests, feedback).</summary>
public sealed record SpendAdvocacyPoint(int MemberId, double Spend, int Advocacy, AdvocacyQuadrant Quadrant);

/// <summary>
/// Spenders versus senders for the members who bought or advocated in the range. Quadrant counts cover every such
/// member; <see cref="Sample"/> is a fixed, repeatable subset of at most <see cref="SpendersSendersReport.MaxPoints"/>.
/// On a large programme the report is an estimate (<see cref="IsEstimate"/>): <see cref="SampledMembers"/> members
/// drawn at random, of whom <see cref="SampleInScope"/> were in scope; <see cref="Members"/> and the quadrant counts
/// are scaled up from them and <see cref="MedianSpend"/> is theirs.
/// </summary>
[System.ComponentModel.ImmutableObject(true)] // HybridCache hands the kept instance out instead of copying it.
public sealed record SpendersSendersReport(
    int Members, double MedianSpend, int AdvocacyThreshold, IReadOnlyDictionary<AdvocacyQuadrant, int> Quadrants,
    IReadOnlyList<SpendAdvocacyPoint> Sample, int SampledMembers = 0, int SampleInScope = 0)
{
    public const int MaxPoints = 2_000;
    public bool IsEstimate => SampledMembers > 0;

    /// <summary>The chart draws a subset of the members measured.</summary>
    public bool IsSampled => Sample.Count < (IsEstimate ? SampleInScope : Members);
    public int Count(AdvocacyQuadrant quadrant) => Quadrants.GetValueOrDefault(quadrant);
}

/// <summary>One line of the significance trend: the average score per period and how many answers it rests on.</summary>
public sealed record PulseLine(string Label, IReadOnlyList<double?> Averages, IReadOnlyList<int> Answers);

/// <summary>How often a "what matters most" choice was picked in the range.</summary>
public sealed record MattersCount(string Code, int Count);

/// <summary>
/// The pulse score trend: <see cref="Periods"/> holds each period's first day (weeks or calendar months), and every
/// line runs parallel to it. Dismissals are left out of averages and answer counts alike.
/// </summary>
public sealed record SignificanceReport(
    bool Monthly, IReadOnlyList<DateOnly> Periods, PulseLine Overall, IReadOnlyList<PulseLine> ByTier,
    IReadOnlyList<MattersCount> Matters, int Dismissed, DateTime? UpdatedAt)
{
    public bool HasAnswers => Overall.Answers.Any(n => n > 0);

    /// <summary>Null <see cref="UpdatedAt"/>: the rollups' first run is still reading the history.</summary>
    public bool IsPreparing => UpdatedAt is null;

    public static SignificanceReport Preparing(bool monthly, IReadOnlyList<DateOnly> periods) =>
        new(monthly, periods, new("", periods.Select(_ => (double?)null).ToList(), periods.Select(_ => 0).ToList()), [], [], 0, null);
}

/// <summary>A member whose activity fell sharply against their own recent past, with the gesture most worth making.</summary>
public sealed record AtRiskMember(
    int MemberId, string Name, string MemberCode, string TierName, double BaselinePerMonth, int Recent, double Drop,
    DateTime? LastActivityAt, string SuggestedAction);

/// <summary>
/// The at-risk list, most fallen first, with the windows it compared and when it was worked out
/// (<see cref="ComputedAt"/> null: the first snapshot is still being worked out).
/// </summary>
public sealed record AtRiskReport(
    DateTime? ComputedAt, DateOnly BaselineFrom, DateOnly RecentFrom, DateOnly RecentTo, int Total, IReadOnlyList<AtRiskMember> Members,
    bool Recalculating)
{
    public bool IsWorkedOut => ComputedAt is not null;

    public static AtRiskReport NotYetWorkedOut(bool recalculating) => new(null, default, default, default, 0, [], recalculating);
}
