namespace LoyaltyPortal.Data.Seeding;

/// <summary>The programme's starting list of interests: configuration every install needs, not demo data.</summary>
public static class InterestCatalogue
{
    public static readonly IReadOnlyList<string> Names =
    [
        "Running", "Hiking", "Cycling", "Yoga", "Climbing", "Swimming", "Trail running", "Camping",
        "Sustainability", "Style advice", "Workshops", "Family days", "Coffee mornings", "Wellbeing",
    ];
}
