using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Benefits;

internal sealed class BenefitConfiguration : IEntityTypeConfiguration<Benefit>
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 4000;

    public void Configure(EntityTypeBuilder<Benefit> benefit)
    {
        benefit.Property(b => b.Title).HasMaxLength(TitleMaxLength);
        benefit.Property(b => b.Description).HasMaxLength(DescriptionMaxLength);
        benefit.Property(b => b.LocationAddress).HasMaxLength(200);
        benefit.Property(b => b.ProductName).HasMaxLength(120);
        benefit.Property(b => b.ExpertUserId).HasMaxLength(450);

        // "For you" reads published benefits only; staff read today's events.
        benefit.HasIndex(b => new { b.Status, b.Kind });
        benefit.HasIndex(b => b.StartsAt);

        benefit.HasOne<Tier>().WithMany().HasForeignKey(b => b.MinimumTierId).OnDelete(DeleteBehavior.Restrict);
        benefit.HasOne<Tier>().WithMany().HasForeignKey(b => b.EarlyAccessTierId).OnDelete(DeleteBehavior.Restrict);
        benefit.HasOne<Store>().WithMany().HasForeignKey(b => b.LocationStoreId).OnDelete(DeleteBehavior.Restrict);
        benefit.HasOne<Store>().WithMany().HasForeignKey(b => b.PickupStoreId).OnDelete(DeleteBehavior.Restrict);
        benefit.HasOne<ApplicationUser>().WithMany().HasForeignKey(b => b.ExpertUserId).OnDelete(DeleteBehavior.Restrict);

        benefit.HasMany(b => b.Stores).WithOne().HasForeignKey(s => s.BenefitId).OnDelete(DeleteBehavior.Cascade);
        benefit.HasMany(b => b.Interests).WithOne().HasForeignKey(i => i.BenefitId).OnDelete(DeleteBehavior.Cascade);
        benefit.HasMany(b => b.EligibleInterests).WithOne().HasForeignKey(i => i.BenefitId).OnDelete(DeleteBehavior.Cascade);
        benefit.HasMany(b => b.Availability).WithOne().HasForeignKey(a => a.BenefitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BenefitPartsConfiguration :
    IEntityTypeConfiguration<BenefitStore>, IEntityTypeConfiguration<BenefitInterest>, IEntityTypeConfiguration<BenefitEligibleInterest>,
    IEntityTypeConfiguration<BenefitImage>, IEntityTypeConfiguration<GuidanceAvailability>, IEntityTypeConfiguration<GuidanceSlot>
{
    public void Configure(EntityTypeBuilder<BenefitStore> store)
    {
        store.HasKey(s => new { s.BenefitId, s.StoreId });
        store.HasOne(s => s.Store).WithMany().HasForeignKey(s => s.StoreId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BenefitInterest> interest)
    {
        interest.HasKey(i => new { i.BenefitId, i.InterestId });
        interest.HasOne(i => i.Interest).WithMany().HasForeignKey(i => i.InterestId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BenefitEligibleInterest> interest)
    {
        interest.HasKey(i => new { i.BenefitId, i.InterestId });
        interest.HasOne(i => i.Interest).WithMany().HasForeignKey(i => i.InterestId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BenefitImage> image)
    {
        image.HasKey(i => i.BenefitId);
        image.Property(i => i.ContentType).HasMaxLength(50);
        image.Property(i => i.Illustration).HasMaxLength(BenefitIllustrations.NameMaxLength);
        image.HasOne<Benefit>().WithOne().HasForeignKey<BenefitImage>(i => i.BenefitId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<GuidanceAvailability> availability) =>
        availability.HasIndex(a => a.BenefitId);

    public void Configure(EntityTypeBuilder<GuidanceSlot> slot)
    {
        slot.HasIndex(s => new { s.BenefitId, s.StartsAt }).IsUnique();
        slot.HasOne<Benefit>().WithMany().HasForeignKey(s => s.BenefitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> booking)
    {
        const string live = "\"Status\" <> 3";
        // One live booking per member and benefit: a double click or a second tab cannot book twice.
        booking.HasIndex(b => new { b.BenefitId, b.MemberId }).IsUnique().HasFilter(live);
        // One live booking per guidance slot.
        booking.HasIndex(b => b.SlotId).IsUnique().HasFilter(live + " AND \"SlotId\" IS NOT NULL");
        // Waitlist in arrival order, and rosters by status.
        booking.HasIndex(b => new { b.BenefitId, b.Status, b.WaitlistedAt });
        booking.HasIndex(b => new { b.MemberId, b.Status });
        // Attendances with their times, member by member, from the index alone: experience ROI's first attendance per member.
        booking.HasIndex(b => new { b.Status, b.MemberId, b.CheckedInAt, b.ClosedAt });
        booking.Property(b => b.CheckedInByUserId).HasMaxLength(450);
        booking.Property(b => b.StaffNotes).HasMaxLength(2000);

        booking.HasOne(b => b.Benefit).WithMany().HasForeignKey(b => b.BenefitId).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<Member>().WithMany().HasForeignKey(b => b.MemberId).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<GuidanceSlot>().WithMany().HasForeignKey(b => b.SlotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>, IEntityTypeConfiguration<ExperienceFeedback>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Title).HasMaxLength(120);
        notification.Property(n => n.Body).HasMaxLength(500);
        notification.Property(n => n.Link).HasMaxLength(200);
        notification.Property(n => n.SourceKey).HasMaxLength(200);
        notification.HasIndex(n => n.SourceKey).IsUnique();
        notification.HasIndex(n => new { n.MemberId, n.CreatedAt });
        notification.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ExperienceFeedback> feedback)
    {
        feedback.Property(f => f.Comment).HasMaxLength(2000);
        feedback.HasIndex(f => f.BookingId).IsUnique();
        feedback.HasIndex(f => new { f.BenefitId, f.CreatedAt });
        feedback.HasIndex(f => f.CreatedAt);
        feedback.HasOne<Booking>().WithMany().HasForeignKey(f => f.BookingId).OnDelete(DeleteBehavior.Restrict);
        feedback.HasOne<Member>().WithMany().HasForeignKey(f => f.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FeedbackReplyConfiguration : IEntityTypeConfiguration<FeedbackReply>
{
    public const int TextMaxLength = 1000;

    public void Configure(EntityTypeBuilder<FeedbackReply> reply)
    {
        reply.Property(r => r.Text).HasMaxLength(TextMaxLength);
        reply.Property(r => r.AuthorUserId).HasMaxLength(450);
        reply.Property(r => r.AuthorName).HasMaxLength(100);
        reply.HasIndex(r => new { r.FeedbackId, r.CreatedAt });
        reply.HasIndex(r => r.CreatedAt);
        reply.HasOne<ExperienceFeedback>().WithMany().HasForeignKey(r => r.FeedbackId).OnDelete(DeleteBehavior.Cascade);
    }
}
