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
/// Experience ROI (see <see cref="ExperienceInsightsService.GetRoiAsync"/> for the definition).
/// <see cref="TooRecent"/> attendees are left out because their 60 days after haven't all passed yet;
/// <see cref="Sampled"/> says the attendees were more than <see cref="ExperienceInsightsService.RoiSampleSize"/>
/// and a spread sample of them was used.
/// </summary>
public sealed record ExperienceRoi(RoiGroup Attendees, RoiGroup Others, int AttendeesInRange, int TooRecent, bool Sampled)
{
    public bool HasAttendees => Attendees.Members > 0;
}
