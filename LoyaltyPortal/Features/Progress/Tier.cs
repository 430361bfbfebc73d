namespace LoyaltyPortal.Features.Progress;

/// <summary>A programme tier. Members qualify by engagement earned in the rolling window.</summary>
public sealed class Tier
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>CSS colour, for example #B08D57.</summary>
    public string Colour { get; set; } = "";

    /// <summary>Points earned in the window needed to reach the tier. The entry tier has 0.</summary>
    public int Threshold { get; set; }

    /// <summary>Order of tiers, lowest first; "this tier or above" compares ranks.</summary>
    public int Rank { get; set; }

    /// <summary>What the tier unlocks, in the member's words.</summary>
    public string? Unlocks { get; set; }
}

/// <summary>
/// Where a member stands: the tier they hold now. Kept in step with the ledger; a member without a row
/// holds the entry tier.
/// </summary>
public sealed class MemberStanding
{
    public int MemberId { get; set; }
    public int TierId { get; set; }
    public int PointsInWindow { get; set; }

    /// <summary>When the held tier would drop if nothing more were earned; null for the entry tier.</summary>
    public DateTime? DropsAt { get; set; }

    /// <summary>The instant this standing was computed for.</summary>
    public DateTime UpdatedAt { get; set; }
}
