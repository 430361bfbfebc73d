using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Integration.Webhooks;
using LoyaltyPortal.Features.Members.Referrals;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Hosting.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LoyaltyPortal.Features.Progress;

/// <summary>A member's open pages to refresh once the unit of work that changed them has committed.</summary>
public readonly record struct MemberPing(int MemberId, MemberChange Change);

/// <summary>
/// What one append did: whether the activity was new, and whom to tell after commit: open pages to refresh, and
/// celebrations (a tier reached, an achievement earned, a referral converted) to email.
/// </summary>
public sealed record RecordedActivity(bool Added, IReadOnlyList<MemberPing> Pings, IReadOnlyList<NewNotification> Celebrations)
{
    public static readonly RecordedActivity AlreadyRecorded = new(false, [], []);

    /// <summary>Visits this append added, counted once delivered (after commit).</summary>
    public int Visits { get; init; }
}

/// <summary>
/// The one write path for member activity. Inside the caller's transaction it appends to the ledger (stamping the
/// points the engagement rules give, none once a cap is reached, and skipping a source key already recorded), brings
/// the member's standing and achievements up to date, converts a referral on a first visit or purchase, and stages the
/// webhook events (enrolled, visit, purchase, tier changed, referral converted) in the same unit of work. What to
/// tell whom comes back to the caller, to deliver after commit: a rolled-back visit must not ping anyone.
/// </summary>
/// <remarks>
/// Every write for a member runs behind that member's row lock (<see cref="BeginForMemberAsync"/>). Standing,
/// achievements, caps and one-per-booking feedback are read-then-write; without the lock two staff at two stores
/// would both insert the first standing (a unique violation) or both write a total missing the other's points.
/// </remarks>
public sealed class ActivityRecorder(
    ProgrammeCalendar calendar, MemberEvents events, MemberNotifier notifier, WebhookPublisher webhooks, PortalMetrics metrics)
{
    /// <summary>Begins a transaction that holds <paramref name="memberId"/>'s row lock before it reads anything.</summary>
    public static async Task<IDbContextTransaction> BeginForMemberAsync(LoyaltyDbContext db, int memberId, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockMemberAsync(db, memberId, ct);
        return transaction;
    }

    /// <summary>
    /// Waits for, then holds until commit, the member's row lock. SQLite has one writer at a time, so a write starts
    /// the transaction as the writer; it must come before any read, or a reader that later writes fails instead of waiting.
    /// </summary>
    public static async Task LockMemberAsync(LoyaltyDbContext db, int memberId, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"Members\" SET \"Id\" = \"Id\" WHERE \"Id\" = {memberId}", ct);
        }
        else
        {
            await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM \"Members\" WHERE \"Id\" = {memberId} FOR UPDATE").ToListAsync(ct);
        }
    }

    /// <summary>
    /// Holds the row locks of every member from <paramref name="firstId"/> to <paramref name="lastId"/>, for
    /// whole-programme upkeep that rewrites their standings. Taken from the highest id down: a referral conversion locks
    /// the newer member (the referee) before the referrer who was there first, and the same order cannot deadlock.
    /// </summary>
    public static async Task LockMembersAsync(LoyaltyDbContext db, int firstId, int lastId, CancellationToken ct)
    {
        // SQLite's writer holds the whole database, so one row's no-op update makes this transaction the writer.
        if (db.Database.IsSqlite())
        {
            await LockMemberAsync(db, lastId, ct);
        }
        else
        {
            await db.Database.SqlQuery<int>(
                $"SELECT 1 AS \"Value\" FROM \"Members\" WHERE \"Id\" BETWEEN {firstId} AND {lastId} ORDER BY \"Id\" DESC FOR UPDATE").ToListAsync(ct);
        }
    }

    /// <summary>
    /// Stages the activity and what follows from it; the caller's SaveChanges writes them together. Run it inside
    /// <see cref="BeginForMemberAsync"/> for the activity's member.
    /// </summary>
    public async Task<RecordedActivity> AppendAsync(LoyaltyDbContext db, Activity activity, CancellationToken ct)
    {
        var pings = new List<MemberPing>();
        var notices = new List<NewNotification>();
        if (!await AppendAsync(db, activity, pings, notices, ct)) return RecordedActivity.AlreadyRecorded;
        return new RecordedActivity(true, pings, [.. notices, .. await ProgressCelebrations.StageAsync(db, notifier, pings.Select(p => p.MemberId), ct)])
        {
            Visits = activity.Type == ActivityType.Visit ? 1 : 0,
        };
    }

    /// <summary>After commit: counts the visits, refreshes the open pages of everyone the appends touched and emails their celebrations.</summary>
    public async Task DeliverAsync(IEnumerable<RecordedActivity> recorded, CancellationToken ct = default)
    {
        var all = recorded.ToList();
        // Counted here rather than on append, so a visit whose transaction rolled back is not counted.
        metrics.VisitsRecorded(all.Sum(r => r.Visits));
        foreach (var ping in all.SelectMany(r => r.Pings).Distinct()) events.Raise(ping.MemberId, ping.Change);
        await notifier.DeliverAsync(all.SelectMany(r => r.Celebrations).ToList(), ct);
    }

    /// <inheritdoc cref="DeliverAsync(IEnumerable{RecordedActivity}, CancellationToken)"/>
    public Task DeliverAsync(RecordedActivity recorded, CancellationToken ct = default) => DeliverAsync([recorded], ct);

    private async Task<bool> AppendAsync(LoyaltyDbContext db, Activity activity, List<MemberPing> pings, List<NewNotification> notices, CancellationToken ct)
    {
        if (db.Activities.Local.Any(a => a.SourceKey == activity.SourceKey)) return false;
        if (await db.Activities.AnyAsync(a => a.SourceKey == activity.SourceKey, ct)) return false;
        // A refund carries minus what its purchase earned, worked out by the refund; no rule gives points to refunds.
        if (activity.Type != ActivityType.Refund)
        {
            var rule = await db.EngagementRules.AsNoTracking().FirstOrDefaultAsync(r => r.Type == activity.Type, ct);
            activity.Points = rule is null ? 0 : await PointsAsync(db, activity, rule, ct);
        }
        db.Activities.Add(activity);
        var earlierMoves = AddedTierChanges(db, activity.MemberId);
        await StandingKeeper.RefreshAsync(db, activity.MemberId, activity.OccurredAt, ct);
        await AchievementKeeper.AwardAsync(db, activity, ct);
        await webhooks.StageActivityAsync(db, activity, ct);
        await webhooks.StageTierChangesAsync(db, AddedTierChanges(db, activity.MemberId).Except(earlierMoves).ToList(), ct);
        pings.Add(new(activity.MemberId, MemberChange.Activity));
        await ConvertReferralAsync(db, activity, pings, notices, ct);
        return true;
    }

    private static List<TierChange> AddedTierChanges(LoyaltyDbContext db, int memberId) =>
        db.ChangeTracker.Entries<TierChange>().Where(e => e.State == EntityState.Added && e.Entity.MemberId == memberId).Select(e => e.Entity).ToList();

    private async Task<int> PointsAsync(LoyaltyDbContext db, Activity activity, EngagementRule rule, CancellationToken ct)
    {
        var points = activity.Type == ActivityType.Purchase
            ? (int)Math.Min(int.MaxValue, Math.Floor(Math.Max(0, activity.Amount ?? 0)) * rule.Points)
            : rule.Points;
        if (points == 0 || rule.CapCount is not { } cap || rule.CapPeriod == CapPeriod.None) return points;

        var (from, to) = Period(activity.OccurredAt, rule.CapPeriod);
        var perStore = rule.CapPerStore;
        var storeId = activity.StoreId;
        var earned = await db.Activities.CountAsync(a => a.MemberId == activity.MemberId && a.Type == activity.Type && a.Points > 0
            && a.OccurredAt >= from && a.OccurredAt < to && (!perStore || a.StoreId == storeId), ct);
        earned += db.ChangeTracker.Entries<Activity>().Count(e => e.State == EntityState.Added && e.Entity.MemberId == activity.MemberId
            && e.Entity.Type == activity.Type && e.Entity.Points > 0 && e.Entity.OccurredAt >= from && e.Entity.OccurredAt < to
            && (!perStore || e.Entity.StoreId == storeId));
        return earned >= cap ? 0 : points;
    }

    /// <summary>The programme-local day, week (from Monday) or month holding the instant, in UTC.</summary>
    private (DateTime From, DateTime To) Period(DateTime utc, CapPeriod period)
    {
        var day = calendar.ToLocal(utc).Date;
        var start = period switch
        {
            CapPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            CapPeriod.Month => new DateTime(day.Year, day.Month, 1),
            _ => day,
        };
        var end = period switch { CapPeriod.Week => start.AddDays(7), CapPeriod.Month => start.AddMonths(1), _ => start.AddDays(1) };
        return (calendar.ToUtc(start), calendar.ToUtc(end));
    }

    /// <summary>
    /// A referred member's first visit or purchase converts the referral: the referrer earns a "referral converted"
    /// entry (its points come from the engagement rules) and a notification.
    /// </summary>
    private async Task ConvertReferralAsync(LoyaltyDbContext db, Activity activity, List<MemberPing> pings, List<NewNotification> notices, CancellationToken ct)
    {
        if (activity.Type is not (ActivityType.Visit or ActivityType.Purchase)) return;
        var referee = await db.Members.AsNoTracking()
            .Where(m => m.Id == activity.MemberId && m.ReferredByMemberId != null && m.ReferralConvertedAt == null)
            .Select(m => new { m.ReferredByMemberId, m.PreferredName }).FirstOrDefaultAsync(ct);
        if (referee?.ReferredByMemberId is not { } referrerId) return;

        // Conditional as well as behind the referee's lock, so a caller that forgot the lock still converts once.
        var at = activity.OccurredAt;
        var what = activity.Type == ActivityType.Visit ? "first visit" : "first purchase";
        var converted = await db.Members.Where(m => m.Id == activity.MemberId && m.ReferralConvertedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReferralConvertedAt, at), ct);
        if (converted == 0) return;

        var referrerActive = await db.Members.AnyAsync(m => m.Id == referrerId && m.AnonymisedAt == null, ct);
        if (!referrerActive) return;
        // The referrer's standing changes too; a visit of their own may be in flight.
        await LockMemberAsync(db, referrerId, ct);
        var sourceKey = ReferralConversion.SourceKey(activity.MemberId);
        await AppendAsync(db, new Activity
        {
            MemberId = referrerId, Type = ActivityType.ReferralConverted, OccurredAt = at, StoreId = activity.StoreId,
            SourceKey = sourceKey, Description = $"{referee.PreferredName} made their {what}",
        }, pings, notices, ct);
        await webhooks.StageAsync(db, WebhookEvents.ReferralConverted, async () => (object?)new
        {
            memberCode = await WebhookPublisher.MemberCodeAsync(db, referrerId, ct),
            referredMemberCode = await WebhookPublisher.MemberCodeAsync(db, activity.MemberId, ct),
            convertedBy = activity.Type == ActivityType.Visit ? "visit" : "purchase", convertedAt = at,
        }, ct);
        // Emailed after commit like every other notification, in the referrer's language.
        var words = await notifier.TextForAsync(db, referrerId, ct);
        var notice = new NewNotification(referrerId, NotificationKind.ReferralConverted, words["Your invitation paid off"],
            activity.Type == ActivityType.Visit
                ? words["{0}, who joined with your referral code, has made their first visit. Thank you for spreading the word!", referee.PreferredName]
                : words["{0}, who joined with your referral code, has made their first purchase. Thank you for spreading the word!", referee.PreferredName],
            "/me/invite", sourceKey);
        if (await notifier.AddAsync(db, notice, ct)) notices.Add(notice);
        pings.Add(new(referrerId, MemberChange.Notification));
    }
}
