using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// One computation of the members at risk, up to the instant it ran: the header the page reads first, so it can say
/// when the list was worked out and which days it compared.
/// </summary>
public sealed class AtRiskSnapshot
{
    public int Id { get; set; }
    public DateTime ComputedAt { get; set; }
    public DateOnly BaselineFrom { get; set; }
    public DateOnly RecentFrom { get; set; }
    public DateOnly RecentTo { get; set; }

    /// <summary>Members at risk across all stores.</summary>
    public int AtRiskCount { get; set; }

    /// <summary>Ranked rows stored, all scopes together.</summary>
    public int CandidateCount { get; set; }

    public List<AtRiskCandidate> Candidates { get; set; } = [];
}

/// <summary>A member at risk in one scope of a snapshot (all stores when <see cref="StoreId"/> is null), in rank order.</summary>
public sealed class AtRiskCandidate
{
    public long Id { get; set; }
    public int SnapshotId { get; set; }

    /// <summary>A plain value, not a foreign key: the snapshot is a record of the ledger at the time.</summary>
    public int? StoreId { get; set; }

    public int MemberId { get; set; }

    /// <summary>1 for the most fallen in this scope.</summary>
    public int Rank { get; set; }

    public int Baseline { get; set; }
    public int Recent { get; set; }
    public DateTime LastActivityAt { get; set; }
}

internal sealed class AtRiskSnapshotConfiguration : IEntityTypeConfiguration<AtRiskSnapshot>, IEntityTypeConfiguration<AtRiskCandidate>
{
    public void Configure(EntityTypeBuilder<AtRiskSnapshot> snapshot)
    {
        snapshot.HasMany(s => s.Candidates).WithOne().HasForeignKey(c => c.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AtRiskCandidate> candidate)
    {
        // The page reads one scope of one snapshot in rank order.
        candidate.HasIndex(c => new { c.SnapshotId, c.StoreId, c.Rank });
        candidate.HasIndex(c => c.MemberId);
        candidate.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
