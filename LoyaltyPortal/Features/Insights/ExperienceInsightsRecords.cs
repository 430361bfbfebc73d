using LoyaltyPortal.Features.Benefits;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// How one experience did in the range. Rates are fractions (0.25 is 25%), null when they don't apply to the kind
/// or have nothing to divide by. Attendance and no-show rates are shares of the places booked, so with check-ins
/// still to record they add up to less than 1.
/// </summary>
public sealed record ExperiencePerformance(
    int BenefitId, BenefitKind Kind, string Title, DateTime? When, int Bookings, int WaitlistDemand, int Attended, int NoShows,
    int Kept, int Returned, double? AverageRating, int Ratings)
{
    public double? AttendanceRate => Kind == BenefitKind.Trial || Bookings == 0 ? null : (double)Attended / Bookings;
    public double? NoShowRate => Kind == BenefitKind.Trial || Bookings == 0 ? null : (double)NoShows / Bookings;
    public double? KeepRate => Kind != BenefitKind.Trial || Kept + Returned == 0 ? null : (double)Kept / (Kept + Returned);
}

/// <summary>One group's average visits and spend per member in the 60 days before and after their reference day.</summary>
public sealed record RoiGroup(int Members, double VisitsBefore, double VisitsAfter, decimal SpendBefore, decimal SpendAfter)
{
    /// <summary>Change from before to after as a fraction (0.38 is 38% more); null when there was nothing before.</summary>
    public double? VisitUplift => VisitsBefore == 0 ? null : (VisitsAfter - VisitsBefore) / VisitsBefore;
    public double? SpendUplift => SpendBefore == 0 ? null : (double)((SpendAfter - SpendBefore) / SpendBefore);
}

/// <summary>
/// The attendees' average change per member (after minus before) minus the comparison group's, with its 95%
/// bootstrap interval (see <see cref="RoiUncertainty"/>). Visits are counts; spend is in the programme's currency.
/// </summary>
public sealed record RoiEffect(double Difference, double Low, double High)
{
    public bool SpansZero => Low <= 0 && High >= 0;
}

/// <summary>What the ROI may claim: a clear difference, or why not.</summary>
public enum RoiVerdict { TooFewMembers, NoClearDifference, ClearDifference }

/// <summary>
/// Experience ROI (see <see cref="ExperienceInsightsService.GetRoiAsync"/> for the definition).
/// <see cref="TooRecent"/> attendees are left out because their 60 days after haven't all passed yet;
/// <see cref="Sampled"/> says the attendees were more than <see cref="ExperienceInsightsService.RoiSampleSize"/>
/// and a sample of them was used. <see cref="Visits"/> and <see cref="Spend"/> are null without attendees.
/// </summary>
public sealed record ExperienceRoi(
    RoiGroup Attendees, RoiGroup Others, int AttendeesInRange, int TooRecent, bool Sampled,
    RoiEffect? Visits = null, RoiEffect? Spend = null)
{
    public bool HasAttendees => Attendees.Members > 0;

    public bool HasEnoughMembers => Math.Min(Attendees.Members, Others.Members) >= RoiUncertainty.MinimumGroupSize;

    /// <summary>A claim only with enough members in both groups and an interval on one side of zero.</summary>
    public RoiVerdict VerdictOn(RoiEffect? effect) =>
        !HasEnoughMembers || effect is null ? RoiVerdict.TooFewMembers
        : effect.SpansZero ? RoiVerdict.NoClearDifference
        : RoiVerdict.ClearDifference;
}
