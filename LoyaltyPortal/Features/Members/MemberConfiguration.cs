using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Members;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.Property(m => m.MemberCode).HasMaxLength(12);
        member.Property(m => m.PreferredName).HasMaxLength(MemberRules.NameMaxLength);
        member.Property(m => m.SearchName).HasMaxLength(MemberRules.NameMaxLength);
        member.Property(m => m.Phone).HasMaxLength(16);
        member.Property(m => m.PhoneLast4).HasMaxLength(4);
        member.Property(m => m.Email).HasMaxLength(MemberRules.EmailMaxLength);
        member.Property(m => m.SearchEmail).HasMaxLength(MemberRules.EmailMaxLength);
        member.Property(m => m.Language).HasMaxLength(8);
        member.Property(m => m.UserId).HasMaxLength(450);
        member.Property(m => m.WhatMatters).HasMaxLength(MemberRules.WhatMattersMaxLength);

        // Rows written outside EF (the bulk seeder) rely on it; SQLite table rebuilds keep only defaults the model declares.
        member.Property(m => m.PassVersion).HasDefaultValue(0);
        member.HasIndex(m => m.MemberCode).IsUnique();
        member.Property(m => m.ExternalId).HasMaxLength(MemberRules.ExternalIdMaxLength);
        member.HasIndex(m => m.ExternalId).IsUnique();
        member.HasIndex(m => m.UserId).IsUnique();
        member.Property(m => m.ReferralCode).HasMaxLength(12);
        member.HasIndex(m => m.ReferralCode).IsUnique();
        member.HasIndex(m => m.ReferredByMemberId);
        // Lists and searches only ever show members who have not been anonymised; partial indexes over just
        // those let SQLite and PostgreSQL count and page from the index alone.
        const string active = "\"AnonymisedAt\" IS NULL";
        member.HasIndex(m => m.SearchName).HasFilter(active);
        member.HasIndex(m => m.SearchEmail).HasFilter(active);
        member.HasIndex(m => m.Phone);
        member.HasIndex(m => m.PhoneLast4).HasFilter(active);
        member.HasIndex(m => m.JoinedAt).HasFilter(active);
        member.HasIndex(m => new { m.HomeStoreId, m.SearchName }).HasFilter(active);
        member.HasIndex(m => new { m.HomeStoreId, m.JoinedAt }).HasFilter(active);

        member.HasOne<ApplicationUser>().WithOne().HasForeignKey<Member>(m => m.UserId).OnDelete(DeleteBehavior.SetNull);
        member.HasOne(m => m.HomeStore).WithMany().HasForeignKey(m => m.HomeStoreId).OnDelete(DeleteBehavior.SetNull);
        // Members are anonymised, never deleted, so a referrer row always stays.
        member.HasOne<Member>().WithMany().HasForeignKey(m => m.ReferredByMemberId).OnDelete(DeleteBehavior.Restrict);
        member.HasMany(m => m.Interests).WithOne().HasForeignKey(i => i.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberNameWordConfiguration : IEntityTypeConfiguration<MemberNameWord>
{
    public void Configure(EntityTypeBuilder<MemberNameWord> word)
    {
        // Word first: a prefix search reads a range of this key and takes the member ids straight from it.
        word.HasKey(w => new { w.Word, w.MemberId });
        word.Property(w => w.Word).HasMaxLength(MemberRules.NameMaxLength);
        word.HasIndex(w => w.MemberId);
        word.HasOne<Member>().WithMany().HasForeignKey(w => w.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InterestConfiguration : IEntityTypeConfiguration<Interest>
{
    public void Configure(EntityTypeBuilder<Interest> interest)
    {
        interest.Property(i => i.Name).HasMaxLength(50);
        interest.HasIndex(i => i.Name).IsUnique();
    }
}

internal sealed class MemberInterestConfiguration : IEntityTypeConfiguration<MemberInterest>
{
    public void Configure(EntityTypeBuilder<MemberInterest> link)
    {
        link.HasKey(i => new { i.MemberId, i.InterestId });
        link.HasIndex(i => i.InterestId);
        link.HasOne(i => i.Interest).WithMany().HasForeignKey(i => i.InterestId).OnDelete(DeleteBehavior.Cascade);
    }
}
