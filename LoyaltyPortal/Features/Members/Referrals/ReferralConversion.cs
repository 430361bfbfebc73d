using System.Data.Common;
using System.Runtime.CompilerServices;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LoyaltyPortal.Features.Members.Referrals;

/// <summary>
/// A referred member's first visit or purchase converts the referral: the referrer earns a "referral converted"
/// entry (its points come from the engagement rules) and a notification. Called from <see cref="ActivityLedger"/>, so
/// every path that records a visit or purchase converts, inside that path's transaction.
/// </summary>
public static class ReferralConversion
{
    private static readonly ConditionalWeakTable<DbContext, HashSet<int>> Pending = new();

    public static async Task OnAppendedAsync(LoyaltyDbContext db, Activity activity, ProgrammeCalendar calendar, CancellationToken ct)
    {
        if (activity.Type is not (ActivityType.Visit or ActivityType.Purchase)) return;
        var referee = await db.Members.AsNoTracking()
            .Where(m => m.Id == activity.MemberId && m.ReferredByMemberId != null && m.ReferralConvertedAt == null)
            .Select(m => new { m.ReferredByMemberId, m.PreferredName }).FirstOrDefaultAsync(ct);
        if (referee?.ReferredByMemberId is not { } referrerId) return;

        // Conditional, so two first visits at once convert once: the second waits for the first's row lock
        // (PostgreSQL) or write lock (SQLite) and then finds the date set.
        var at = activity.OccurredAt;
        var what = activity.Type == ActivityType.Visit ? "first visit" : "first purchase";
        var converted = await db.Members.Where(m => m.Id == activity.MemberId && m.ReferralConvertedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReferralConvertedAt, at), ct);
        if (converted == 0) return;

        var referrerActive = await db.Members.AnyAsync(m => m.Id == referrerId && m.AnonymisedAt == null, ct);
        if (!referrerActive) return;
        await ActivityLedger.AppendAsync(db, new Activity
        {
            MemberId = referrerId, Type = ActivityType.ReferralConverted, OccurredAt = at, StoreId = activity.StoreId,
            SourceKey = SourceKey(activity.MemberId), Description = $"{referee.PreferredName} made their {what}",
        }, calendar, ct);
        var sourceKey = SourceKey(activity.MemberId);
        if (!await db.Notifications.AnyAsync(n => n.SourceKey == sourceKey, ct))
        {
            db.Notifications.Add(new Notification
            {
                MemberId = referrerId, Kind = NotificationKind.ReferralConverted, Title = "Your invitation paid off",
                Body = $"{referee.PreferredName}, who joined with your referral code, has made their {what}. Thank you for spreading the word!",
                Link = "/me/invite", SourceKey = sourceKey, CreatedAt = calendar.UtcNow,
            });
        }
        Pending.GetOrCreateValue(db).Add(referrerId);
    }

    public static string SourceKey(int refereeMemberId) => $"referral-converted:{refereeMemberId}";

    /// <summary>Referrers credited in this context's current unit of work, handed out once it commits.</summary>
    internal static IReadOnlyCollection<int> TakePending(DbContext db)
    {
        if (!Pending.TryGetValue(db, out var ids) || ids.Count == 0) return [];
        var taken = ids.ToArray();
        ids.Clear();
        return taken;
    }

    internal static void Forget(DbContext db)
    {
        if (Pending.TryGetValue(db, out var ids)) ids.Clear();
    }
}

/// <summary>
/// Tells the referrer's open pages (the bell, the invite page) once a conversion is committed, never before:
/// a rolled-back visit must not ping anyone.
/// </summary>
public sealed class ReferralConversionSignal(MemberEvents events) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Raise(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Raise(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) ReferralConversion.Forget(db);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) ReferralConversion.Forget(db);
    }

    // Without an explicit transaction, SaveChanges commits by itself.
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Raise(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Raise(eventData.Context);
        return result;
    }

    private void Raise(DbContext? db)
    {
        if (db is null) return;
        foreach (var referrerId in ReferralConversion.TakePending(db))
        {
            events.Raise(referrerId, MemberChange.Notification);
            events.Raise(referrerId, MemberChange.Activity);
        }
    }
}
