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
