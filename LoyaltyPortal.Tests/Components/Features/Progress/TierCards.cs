using LoyaltyPortal.Features.Progress;

namespace LoyaltyPortal.Tests.Components.Features.Progress;

/// <summary>Tier cards built by hand: a Member on the way to Silver unless told otherwise.</summary>
public static class TierCards
{
    public static readonly TierBadge Member = new(1, "Member", "#5F6B66");
    public static readonly TierBadge Silver = new(2, "Silver", "#8A9BA8");
    public static readonly TierBadge Gold = new(3, "Gold", "#B08D57");

    public static TierProgress Tier(int points = 50, int? visitsToGo = null, DateTime? dropsAt = null, int pointsToKeep = 0, bool lapseWarning = false) =>
        new(Member, Silver, 300, points, 300 - points, 100 * points / 300, visitsToGo, dropsAt, pointsToKeep, lapseWarning, dropsAt is null ? null : Member, null);

    /// <summary>A Silver member whose points aged out, in grace until 30 Dec 2026.</summary>
    public static TierProgress Lapsing(int pointsToKeep = 120, bool warn = true) =>
        new(Silver, Gold, 900, 180, 720, 20, null, new DateTime(2026, 12, 30, 10, 0, 0, DateTimeKind.Utc), pointsToKeep, warn, Member, "Book events early.");
}
