using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Progress;

internal sealed class TierConfiguration : IEntityTypeConfiguration<Tier>, IEntityTypeConfiguration<MemberStanding>,
    IEntityTypeConfiguration<EngagementRule>, IEntityTypeConfiguration<ProgressSettings>
{
    public void Configure(EntityTypeBuilder<Tier> tier)
    {
        tier.Property(t => t.Name).HasMaxLength(40);
        tier.Property(t => t.Colour).HasMaxLength(20);
        tier.Property(t => t.Unlocks).HasMaxLength(500);
        tier.HasIndex(t => t.Name).IsUnique();
        tier.HasIndex(t => t.Rank).IsUnique();
    }

    public void Configure(EntityTypeBuilder<MemberStanding> standing)
    {
        standing.HasKey(s => s.MemberId);
        standing.HasIndex(s => s.TierId);
        standing.HasOne<Member>().WithOne().HasForeignKey<MemberStanding>(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        standing.HasOne<Tier>().WithMany().HasForeignKey(s => s.TierId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EngagementRule> rule)
    {
        rule.HasKey(r => r.Type);
        rule.Property(r => r.Type).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<ProgressSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
    }
}
