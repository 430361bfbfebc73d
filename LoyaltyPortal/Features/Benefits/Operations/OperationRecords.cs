namespace LoyaltyPortal.Features.Benefits;

/// <summary>An event happening today, as the store sees it.</summary>
public sealed record TodaysEvent(int BenefitId, string Title, DateTime StartsAt, DateTime? EndsAt, string? Where, int Capacity, int Booked, int CheckedIn, int Waitlisted);

/// <summary>One person on an event's roster or waitlist.</summary>
public sealed record RosterEntry(long BookingId, int MemberId, string MemberName, string MemberCode, int Seats, BookingStatus Status, DateTime BookedAt, DateTime? CheckedInAt);

public sealed record EventRoster(TodaysEvent Event, bool HasStarted, IReadOnlyList<RosterEntry> Attendees, IReadOnlyList<RosterEntry> Waitlist);

/// <summary>A trial at the pickup desk: claimed and waiting, or out with the member.</summary>
public sealed record TrialEntry(long BookingId, int BenefitId, string Title, string? ProductName, int MemberId, string MemberName, string MemberCode,
    BookingStatus Status, DateTime ClaimedAt, DateTime? HandedOutAt, DateTime? DueAt, bool IsOverdue, string? PickupStore);

/// <summary>A booked guidance session for the day.</summary>
public sealed record GuidanceSession(long BookingId, int BenefitId, string Title, int MemberId, string MemberName, string MemberCode,
    DateTime StartsAt, DateTime EndsAt, string? ExpertName, bool IsMine, BookingStatus Status, string? StaffNotes);
