namespace LoyaltyPortal.Features.Benefits;

public enum BookingStatus
{
    /// <summary>A seat, unit or slot is held (an event RSVP, a claimed trial, a booked session).</summary>
    Confirmed = 1,
    Waitlisted = 2,
    Cancelled = 3,

    /// <summary>Checked in at the event, or the guidance session took place.</summary>
    Attended = 4,
    NoShow = 5,

    /// <summary>Trial: staff gave the product to the member; <see cref="Booking.DueAt"/> runs from here.</summary>
    HandedOut = 6,
    Kept = 7,
    Returned = 8,
}

/// <summary>
/// A member's place on a benefit. At most one live (not cancelled) booking per member and benefit, enforced
/// by a unique index, so a double click or two tabs book once.
/// </summary>
public sealed class Booking
{
    public long Id { get; set; }
    public int BenefitId { get; set; }
    public int MemberId { get; set; }
    public BookingStatus Status { get; set; }

    /// <summary>Seats held: 2 when the member brings a guest.</summary>
    public int Seats { get; set; } = 1;

    public int? SlotId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Waitlist order: first in, first out.</summary>
    public DateTime? WaitlistedAt { get; set; }

    public DateTime? PromotedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? CheckedInAt { get; set; }
    public string? CheckedInByUserId { get; set; }
    public DateTime? HandedOutAt { get; set; }
    public DateTime? DueAt { get; set; }

    /// <summary>When a trial was kept or returned, or a session completed.</summary>
    public DateTime? ClosedAt { get; set; }

    /// <summary>The expert's private notes on a guidance session; never shown to the member.</summary>
    public string? StaffNotes { get; set; }

    /// <summary>
    /// The iCalendar SEQUENCE of this booking's calendar entry: raised whenever the entry the member may have saved goes stale
    /// (moved, cancelled, promoted off the waitlist, or the event's time or place edited), so calendars replace the old entry.
    /// </summary>
    public int CalendarSequence { get; set; }

    public Benefit? Benefit { get; set; }
}

public enum NotificationKind
{
    PromotedFromWaitlist = 1,
    TrialDueSoon = 2,
    EventTomorrow = 3,
    SessionTomorrow = 4,
    BookingCancelledByProgramme = 5,
    FeedbackRequested = 6,
    FeedbackReplied = 7,

    // Numbered apart from the booking kinds above, so kinds added alongside never share a value.
    ReferralConverted = 20,
    TierReached = 21,
    AchievementEarned = 22,
}

/// <summary>An entry in the member's notification centre. <see cref="SourceKey"/> stops the same reminder twice.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public NotificationKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public string SourceKey { get; set; } = "";
}

/// <summary>The member's rating (1–5) and comment on one experience they took part in.</summary>
public sealed class ExperienceFeedback
{
    public long Id { get; set; }
    public long BookingId { get; set; }
    public int BenefitId { get; set; }
    public int MemberId { get; set; }
    public int Rating { get; set; }
    public string? Comment { get; set; }
    public DateTime CreatedAt { get; set; }
}
