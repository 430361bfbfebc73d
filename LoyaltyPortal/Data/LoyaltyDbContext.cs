using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Integration.Outbox;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Features.Jobs;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Features.TillApi;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LoyaltyPortal.Data;

/// <summary>
/// The one model for both providers. Each provider has a small subclass only so that it can carry
/// its own migrations (see <see cref="SqliteLoyaltyDbContext"/> and <see cref="PostgresLoyaltyDbContext"/>).
/// </summary>
public class LoyaltyDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Interest> Interests => Set<Interest>();
    public DbSet<MemberInterest> MemberInterests => Set<MemberInterest>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<StaffNote> StaffNotes => Set<StaffNote>();
    public DbSet<MemberNameWord> MemberNameWords => Set<MemberNameWord>();
    public DbSet<CardView> CardViews => Set<CardView>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Benefit> Benefits => Set<Benefit>();
    public DbSet<BenefitImage> BenefitImages => Set<BenefitImage>();
    public DbSet<GuidanceSlot> GuidanceSlots => Set<GuidanceSlot>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ExperienceFeedback> ExperienceFeedback => Set<ExperienceFeedback>();
    public DbSet<Tier> Tiers => Set<Tier>();
    public DbSet<MemberStanding> MemberStandings => Set<MemberStanding>();
    public DbSet<EngagementRule> EngagementRules => Set<EngagementRule>();
    public DbSet<ProgressSettings> ProgressSettings => Set<ProgressSettings>();
    public DbSet<Achievement> Achievements => Set<Achievement>();
    public DbSet<MemberAchievement> MemberAchievements => Set<MemberAchievement>();
    public DbSet<PinnedGoal> PinnedGoals => Set<PinnedGoal>();
    public DbSet<TierChange> TierChanges => Set<TierChange>();
    public DbSet<PulseResponse> PulseResponses => Set<PulseResponse>();
    public DbSet<FeedbackReply> FeedbackReplies => Set<FeedbackReply>();
    public DbSet<ActivityDayTotal> ActivityDayTotals => Set<ActivityDayTotal>();
    public DbSet<ActiveMembersWeek> ActiveMembersWeeks => Set<ActiveMembersWeek>();
    public DbSet<ActiveMemberPresence> ActiveMemberPresences => Set<ActiveMemberPresence>();
    public DbSet<PulseDayTotal> PulseDayTotals => Set<PulseDayTotal>();
    public DbSet<PulseDayChoice> PulseDayChoices => Set<PulseDayChoice>();
    public DbSet<TierMoveDayTotal> TierMoveDayTotals => Set<TierMoveDayTotal>();
    public DbSet<TierHoldingTotal> TierHoldingTotals => Set<TierHoldingTotal>();
    public DbSet<InsightsRollupState> InsightsRollupStates => Set<InsightsRollupState>();
    public DbSet<AtRiskSnapshot> AtRiskSnapshots => Set<AtRiskSnapshot>();
    public DbSet<AtRiskCandidate> AtRiskCandidates => Set<AtRiskCandidate>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<ApiIdempotencyRecord> ApiIdempotencyRecords => Set<ApiIdempotencyRecord>();
    public DbSet<ApiCall> ApiCalls => Set<ApiCall>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC. SQLite hands back DateTimeKind.Unspecified, so mark it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LoyaltyDbContext).Assembly);

        builder.Entity<ApplicationUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.Language).HasMaxLength(8);
            user.HasOne(u => u.Store).WithMany().HasForeignKey(u => u.StoreId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<Store>(store =>
        {
            store.Property(s => s.Name).HasMaxLength(100);
            store.Property(s => s.City).HasMaxLength(100);
            store.Property(s => s.Address).HasMaxLength(200);
            store.HasIndex(s => s.Name).IsUnique();
        });

        builder.Entity<Activity>(activity =>
        {
            activity.HasIndex(a => a.SourceKey).IsUnique();
            // Covers a member's standing, counts and achievements (time, type, points) without touching the table, and,
            // with amount and store appended, a sample of members' spend for insights (ROI, spenders vs senders).
            activity.HasIndex(a => new { a.MemberId, a.OccurredAt, a.Type, a.Points, a.Amount, a.StoreId });
            activity.HasIndex(a => new { a.OccurredAt, a.Type });
            // A store's own ledger by kind and time: the counter's "today here" and "recently in store" read ranges of it.
            activity.HasIndex(a => new { a.StoreId, a.Type, a.OccurredAt });
            // Spend and advocacy per member over a date range, read from the index alone (insights).
            activity.HasIndex(a => new { a.Type, a.OccurredAt, a.MemberId, a.Amount });
            activity.Property(a => a.SourceKey).HasMaxLength(200);
            activity.Property(a => a.StaffUserId).HasMaxLength(450);
            activity.Property(a => a.Description).HasMaxLength(200);
            activity.Property(a => a.Amount).HasPrecision(12, 2);
            activity.Property(a => a.Currency).HasMaxLength(3);
            activity.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
            activity.HasOne<Store>().WithMany().HasForeignKey(a => a.StoreId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StaffNote>(note =>
        {
            note.Property(n => n.Text).HasMaxLength(1000);
            note.Property(n => n.AuthorName).HasMaxLength(100);
            note.HasIndex(n => new { n.MemberId, n.CreatedAt });
            note.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CardView>(view =>
        {
            view.Property(v => v.StaffUserId).HasMaxLength(450);
            view.Property(v => v.StaffName).HasMaxLength(100);
            view.HasIndex(v => v.ViewedAt);
            view.HasIndex(v => new { v.MemberId, v.ViewedAt });
            view.HasIndex(v => new { v.StaffUserId, v.ViewedAt });
            view.HasIndex(v => new { v.StoreId, v.ViewedAt });
            // The audit outlives nothing it points at: a deleted member's views go with the member row.
            view.HasOne<Member>().WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnlyLedger();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnlyLedger();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void GuardAppendOnlyLedger()
    {
        foreach (var entry in ChangeTracker.Entries<Activity>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The activity ledger is append-only: activities cannot be changed or removed.");
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteLoyaltyDbContext(DbContextOptions<SqliteLoyaltyDbContext> options) : LoyaltyDbContext(options);

public sealed class PostgresLoyaltyDbContext(DbContextOptions<PostgresLoyaltyDbContext> options) : LoyaltyDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Byte-order collation keeps range scans on the search columns exact prefix matches.
        builder.Entity<Member>().Property(m => m.SearchName).UseCollation("C");
        builder.Entity<Member>().Property(m => m.SearchEmail).UseCollation("C");
        builder.Entity<Member>().Property(m => m.MemberCode).UseCollation("C");
        builder.Entity<MemberNameWord>().Property(w => w.Word).UseCollation("C");
    }
}
