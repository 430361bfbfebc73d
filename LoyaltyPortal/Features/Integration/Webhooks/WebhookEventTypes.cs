namespace LoyaltyPortal.Features.Integration.Webhooks;

/// <summary>The wire names of the events (<c>purchase.recorded</c>) and what each one means, for the manager's form (in English; the form reads it in IntegrationText).</summary>
public static class WebhookEventTypes
{
    public sealed record EventType(WebhookEvents Flag, string Name, string Description);

    public static IReadOnlyList<EventType> All { get; } =
    [
        new(WebhookEvents.MemberEnrolled, "member.enrolled", "A member joined (at the counter or online)"),
        new(WebhookEvents.VisitRecorded, "visit.recorded", "Staff recorded a visit"),
        new(WebhookEvents.PurchaseRecorded, "purchase.recorded", "A purchase was recorded"),
        new(WebhookEvents.TierChanged, "tier.changed", "A member moved up or down a tier"),
        new(WebhookEvents.BookingConfirmed, "booking.confirmed", "A member booked a place"),
        new(WebhookEvents.BookingPromoted, "booking.promoted", "A member got a place from the waitlist"),
        new(WebhookEvents.BookingCancelled, "booking.cancelled", "A member cancelled a booking"),
        new(WebhookEvents.TrialDue, "trial.due", "A product trial is due back within 3 days"),
        new(WebhookEvents.TrialOverdue, "trial.overdue", "A product trial is past its return date"),
        new(WebhookEvents.FeedbackReceived, "feedback.received", "A member rated an experience"),
        new(WebhookEvents.ReferralConverted, "referral.converted", "A referred friend made their first visit or purchase"),
    ];

    public static WebhookEvents Every { get; } = All.Aggregate(WebhookEvents.None, (all, e) => all | e.Flag);

    public static string NameOf(WebhookEvents flag) => All.First(e => e.Flag == flag).Name;

    public static IReadOnlyList<string> Names(WebhookEvents events) => All.Where(e => events.HasFlag(e.Flag)).Select(e => e.Name).ToList();
}
