using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Progress;

internal sealed class TierConfiguration : IEntityTypeConfiguration<Tier>, IEntityTypeConfiguration<MemberStanding>,
    IEntityTypeConfiguration<EngagementRule>, IEntityTypeConfiguration<ProgressSettings>,
    IEntityTypeConfiguration<Achievement>, IEntityTypeConfiguration<MemberAchievement>, IEntityTypeConfiguration<PinnedGoal>
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

    public void Configure(EntityTypeBuilder<Achievement> achievement)
    {
        achievement.Property(a => a.Name).HasMaxLength(60);
        achievement.Property(a => a.Description).HasMaxLength(200);
        achievement.Property(a => a.Badge).HasMaxLength(20);
        achievement.HasIndex(a => a.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<MemberAchievement> earned)
    {
        earned.HasKey(e => new { e.MemberId, e.AchievementId });
        earned.HasIndex(e => e.AchievementId);
        earned.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Cascade);
        earned.HasOne<Achievement>().WithMany().HasForeignKey(e => e.AchievementId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PinnedGoal> pinned)
    {
        pinned.HasKey(p => p.MemberId);
        pinned.HasIndex(p => p.AchievementId);
        pinned.HasOne<Member>().WithOne().HasForeignKey<PinnedGoal>(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        pinned.HasOne<Achievement>().WithMany().HasForeignKey(p => p.AchievementId).OnDelete(DeleteBehavior.Cascade);
    }
}
