namespace LoyaltyPortal.Features.Benefits;

/// <summary>What the member can do with a benefit right now, as "For you" and the detail page show it.</summary>
public enum BenefitCardState
{
    /// <summary>Open and a seat, unit or slot is free.</summary>
    Book = 1,

    /// <summary>Full, and the benefit keeps a waitlist.</summary>
    JoinWaitlist = 2,

    /// <summary>The member holds a seat, unit or slot.</summary>
    Booked = 3,

    /// <summary>The member is on the waitlist (see <see cref="BenefitCard.WaitlistPosition"/>).</summary>
    Waitlisted = 4,

    /// <summary>Booking has closed, the event has started, or it is full without a waitlist.</summary>
    Closed = 5,

    /// <summary>Booking opens later for this member's tier (see <see cref="BenefitCard.OpensAt"/>).</summary>
    OpensLater = 6,
}

/// <summary>One benefit as a member sees it in "For you".</summary>
public sealed record BenefitCard(
    int Id,
    BenefitKind Kind,
    string Title,
    string Summary,
    DateTime? StartsAt,
    DateTime? EndsAt,
    string? Where,
    BenefitImageView? Image,
    int Going,
    int? SeatsLeft,
    int WaitlistLength,
    BenefitCardState State,
    DateTime? OpensAt,
    int? WaitlistPosition,
    long? MyBookingId,
    IReadOnlyList<string> MatchingInterests)
{
    public bool HasImage => Image is not null;
}

/// <summary>A benefit's page for a member: the card plus the full text and, for guidance, the free slots.</summary>
public sealed record BenefitDetail(
    BenefitCard Card,
    string Description,
    string? ProductName,
    int TrialDays,
    string? ExpertName,
    bool GuestsAllowed,
    DateTime? CancellationCutoff,
    IReadOnlyList<SlotOption> FreeSlots,
    int? MySlotId);

public sealed record SlotOption(int Id, DateTime StartsAt, DateTime EndsAt);

/// <summary>What a member asks for when booking: a guest (events that allow one) or a slot (guidance).</summary>
public sealed record BookingRequest(bool WithGuest = false, int? SlotId = null);

/// <summary>
/// The outcome of booking, cancelling or rescheduling. <see cref="Message"/> is written for the member,
/// for example "You're booked." or "Cancelling closed 24 hours before the start.".
/// </summary>
public sealed record BookingResult(bool Succeeded, string Message, long? BookingId = null, BookingStatus? Status = null, int? WaitlistPosition = null)
    : OperationResult(Succeeded, Message)
{
    public static new BookingResult Refused(string message) => new(false, message);
}

/// <summary>One of the member's bookings, for "My bookings".</summary>
public sealed record MyBooking(
    long Id,
    int BenefitId,
    BenefitKind Kind,
    string Title,
    BookingStatus Status,
    DateTime? StartsAt,
    DateTime? EndsAt,
    string? Where,
    int Seats,
    int? WaitlistPosition,
    DateTime? DueAt,
    bool CanCancel,
    string? CannotCancelReason,
    bool CanGiveFeedback);
