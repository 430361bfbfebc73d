using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Progress;

/// <summary>
/// A member moving from one tier to another, kept so managers can see movement up and down over time.
/// Tier ids are plain values, not foreign keys: a tier can be deleted while its history stays.
/// </summary>
public sealed class TierChange
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public int? FromTierId { get; set; }
    public int ToTierId { get; set; }
    public bool IsUp { get; set; }
    public DateTime ChangedAt { get; set; }

    /// <summary>
    /// Stages a change of held tier, when there is one. A member without a standing row held the entry tier, so a
    /// first standing in the entry tier is no change. Up and down follow the tiers' order (threshold, then rank).
    /// </summary>
    public static TierChange? Between(int memberId, int? fromTierId, int toTierId, IReadOnlyList<TierStep> orderedTiers, DateTime at)
    {
        var from = fromTierId ?? orderedTiers[0].Id;
        if (from == toTierId) return null;
        var fromIndex = Position(orderedTiers, from);
        return new TierChange { MemberId = memberId, FromTierId = from, ToTierId = toTierId, IsUp = Position(orderedTiers, toTierId) > fromIndex, ChangedAt = at };
    }

    // A tier no longer in the list (deleted meanwhile) counts as below every tier.
    private static int Position(IReadOnlyList<TierStep> orderedTiers, int tierId)
    {
        for (var i = 0; i < orderedTiers.Count; i++) if (orderedTiers[i].Id == tierId) return i;
        return -1;
    }
}

internal sealed class TierChangeConfiguration : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> change)
    {
        change.HasIndex(c => c.ChangedAt);
        change.HasIndex(c => new { c.MemberId, c.ChangedAt });
        change.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
