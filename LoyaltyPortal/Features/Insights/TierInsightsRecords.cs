namespace LoyaltyPortal.Features.Insights;

/// <summary>Members holding one tier now.</summary>
public sealed record TierHolding(int TierId, string Name, string Colour, int Members);

/// <summary>Moves into a higher tier and down to a lower one in one calendar month (programme time).</summary>
public sealed record MonthlyTierMoves(DateOnly Month, bool IsPartial, int Up, int Down);

/// <summary>
/// Tiers for the insights page: who holds which tier now (lowest tier first), and how members moved per month of the
/// filter's range. With a tier filter, moves are those into or out of that tier. <see cref="UpdatedAt"/> is the
/// rollups' last refresh; null (and both lists empty) while their first run is still reading the history.
/// </summary>
public sealed record TierReport(IReadOnlyList<TierHolding> Distribution, IReadOnlyList<MonthlyTierMoves> Movement, DateTime? UpdatedAt)
{
    public bool IsPreparing => UpdatedAt is null;

    public bool HasMembers => Distribution.Any(t => t.Members > 0);
    public bool HasMovement => Movement.Any(m => m.Up > 0 || m.Down > 0);
}
