using System.Text.Json;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Integration.Outbox;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Integration.Webhooks;

/// <summary>
/// Stages webhook events in the caller's unit of work: one outbox row per enabled endpoint that subscribed, written by
/// the caller's SaveChanges with the change itself. Nothing is read or built when no endpoint wants the event.
/// The body is <c>{ "type", "timestamp", "data" }</c>; data names members by member code, never by internal id.
/// </summary>
public sealed class WebhookPublisher(TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Stages <paramref name="type"/> for its subscribers; <paramref name="data"/> runs only when there are some.</summary>
    public async Task StageAsync(LoyaltyDbContext db, WebhookEvents type, Func<Task<object?>> data, CancellationToken ct, string? sourceKey = null)
    {
        var endpoints = await SubscribersAsync(db, type, ct);
        if (sourceKey is not null)
        {
            endpoints.RemoveAll(id => db.OutboxMessages.Local.Any(m => m.SourceKey == sourceKey && m.EndpointId == id));
        }
        if (endpoints.Count == 0 || await data() is not { } payload) return;
        Stage(db, type, payload, endpoints, sourceKey);
    }

    private void Stage(LoyaltyDbContext db, WebhookEvents type, object payload, List<int> endpoints, string? sourceKey = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var body = JsonSerializer.Serialize(new { type = WebhookEventTypes.NameOf(type), timestamp = now, data = payload }, Json);
        foreach (var endpointId in endpoints)
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Kind = OutboxKind.Webhook, Topic = WebhookEventTypes.NameOf(type), MessageId = NewMessageId(), Payload = body,
                EndpointId = endpointId, SourceKey = sourceKey, CreatedAt = now, QueuedAt = now, NextAttemptAt = now,
            });
        }
    }

    /// <summary>Enrolments, visits and purchases, as the activity recorder appends them.</summary>
    public Task StageActivityAsync(LoyaltyDbContext db, Activity activity, CancellationToken ct)
    {
        var type = activity.Type switch
        {
            ActivityType.Joined => WebhookEvents.MemberEnrolled,
            ActivityType.Visit => WebhookEvents.VisitRecorded,
            ActivityType.Purchase => WebhookEvents.PurchaseRecorded,
            _ => WebhookEvents.None,
        };
        if (type == WebhookEvents.None) return Task.CompletedTask;
        return StageAsync(db, type, async () => await MemberCodeAsync(db, activity.MemberId, ct) is not { } code ? null : activity.Type switch
        {
            ActivityType.Joined => new { memberCode = code, joinedAt = activity.OccurredAt, storeId = activity.StoreId, atCounter = activity.StaffUserId != null },
            ActivityType.Purchase => new
            {
                memberCode = code, occurredAt = activity.OccurredAt, storeId = activity.StoreId, amount = activity.Amount, currency = activity.Currency,
                points = activity.Points,
            },
            _ => (object)new { memberCode = code, occurredAt = activity.OccurredAt, storeId = activity.StoreId, points = activity.Points },
        }, ct);
    }

    /// <summary>
    /// A booking event (confirmed, promoted, cancelled, trial due or overdue, feedback received), described as the booking
    /// stands in this unit of work. <paramref name="rating"/> goes with feedback.
    /// </summary>
    public Task StageBookingAsync(LoyaltyDbContext db, WebhookEvents type, long bookingId, CancellationToken ct, int? rating = null,
        string? sourceKey = null) =>
        StageAsync(db, type, async () =>
        {
            var b = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId).Select(b => new
            {
                MemberCode = db.Members.Where(m => m.Id == b.MemberId).Select(m => m.MemberCode).FirstOrDefault(),
                b.BenefitId, b.Benefit!.Title, b.Benefit.Kind, b.Status, b.Seats, b.DueAt,
                StartsAt = b.SlotId != null ? db.GuidanceSlots.Where(s => s.Id == b.SlotId).Select(s => (DateTime?)s.StartsAt).FirstOrDefault() : b.Benefit.StartsAt,
            }).FirstOrDefaultAsync(ct);
            return b is null ? null : new
            {
                memberCode = b.MemberCode, bookingId, benefitId = b.BenefitId, benefitTitle = b.Title, benefitKind = b.Kind.ToString().ToLowerInvariant(),
                status = b.Status.ToString().ToLowerInvariant(), seats = b.Seats, startsAt = b.StartsAt, dueAt = b.DueAt, rating,
            };
        }, ct, sourceKey);

    /// <summary>Moves between tiers, up or down, staged by a standing refresh.</summary>
    public async Task StageTierChangesAsync(LoyaltyDbContext db, IReadOnlyCollection<TierChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        await StageEachAsync(db, WebhookEvents.TierChanged, async () =>
        {
            var memberIds = changes.Select(c => c.MemberId).Distinct().ToList();
            var codes = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.MemberCode, ct);
            var tiers = await db.Tiers.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
            return changes.Where(c => codes.ContainsKey(c.MemberId)).Select(c => (object)new
            {
                memberCode = codes[c.MemberId], fromTier = c.FromTierId is { } from ? tiers.GetValueOrDefault(from) : null,
                toTier = tiers.GetValueOrDefault(c.ToTierId), direction = c.IsUp ? "up" : "down", changedAt = c.ChangedAt,
            }).ToList();
        }, ct);
    }

    /// <summary>Stages one event per item, reading the subscribers once.</summary>
    private async Task StageEachAsync(LoyaltyDbContext db, WebhookEvents type, Func<Task<List<object>>> items, CancellationToken ct)
    {
        var endpoints = await SubscribersAsync(db, type, ct);
        if (endpoints.Count == 0) return;
        foreach (var item in await items()) Stage(db, type, item, endpoints);
    }

    private static Task<List<int>> SubscribersAsync(LoyaltyDbContext db, WebhookEvents type, CancellationToken ct) =>
        db.WebhookEndpoints.AsNoTracking().Where(e => e.IsEnabled && (e.Events & type) == type).Select(e => e.Id).ToListAsync(ct);

    public static Task<string?> MemberCodeAsync(LoyaltyDbContext db, int memberId, CancellationToken ct) =>
        db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.MemberCode).FirstOrDefaultAsync(ct);

    /// <summary>A Standard Webhooks message id: unique per delivery, kept across its retries.</summary>
    public static string NewMessageId() => "msg_" + Guid.NewGuid().ToString("N");
}
