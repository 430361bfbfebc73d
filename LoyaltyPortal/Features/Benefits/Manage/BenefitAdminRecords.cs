using System.ComponentModel.DataAnnotations;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>What the manager's list shows. Archived benefits stay hidden unless asked for.</summary>
public sealed record BenefitListFilter(BenefitKind? Kind = null, BenefitStatus? Status = null, string? Search = null, bool IncludeArchived = false);

/// <summary>
/// One benefit in the manager's list. Rates are null until there is something to divide by:
/// attendance is attended / (attended + no-show), keep rate is kept / (kept + returned).
/// </summary>
public sealed record BenefitListRow(
    int Id,
    BenefitKind Kind,
    string Title,
    BenefitStatus Status,
    DateTime? StartsAt,
    int Capacity,
    int Taken,
    int Bookings,
    int WaitlistLength,
    double? AttendanceRate,
    double? NoShowRate,
    double? TrialKeepRate,
    int BookedSlots,
    int FreeSlots,
    BenefitImageView? Image = null);

/// <summary>
/// The editor's model, shared by all three kinds; the kind-specific parts are simply ignored for other kinds.
/// Dates and times are programme-local wall-clock times; the service converts them to UTC.
/// </summary>
public sealed class BenefitEditor
{
    public int? Id { get; set; }
    public BenefitKind Kind { get; set; }
    public BenefitStatus Status { get; set; }
    /// <summary>The current picture and its crop; the picture field saves it by itself, apart from the form.</summary>
    public BenefitImageView? Image { get; set; }

    /// <summary>Seats or units in use when the editor was loaded, to explain capacity limits.</summary>
    public int Taken { get; set; }

    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public List<int> InterestIds { get; set; } = [];
    public List<int> StoreIds { get; set; } = [];
    public int? MinimumTierId { get; set; }
    public List<int> EligibleInterestIds { get; set; } = [];
    public DateTime? BookingOpensAt { get; set; }
    public DateTime? BookingClosesAt { get; set; }
    [Range(0, BenefitEditorRules.MaxNoticeHours, ErrorMessage = "The cancellation cut-off must be between 0 and 720 hours (30 days).")]
    public int CancellationCutoffHours { get; set; }

    public int? EarlyAccessTierId { get; set; }

    [Range(0, BenefitEditorRules.MaxNoticeHours, ErrorMessage = "Early access must be between 0 and 720 hours (30 days).")]
    public int EarlyAccessHours { get; set; }

    // Event
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public int? LocationStoreId { get; set; }
    public string? LocationAddress { get; set; }

    /// <summary>Seats (event) or units (trial).</summary>
    [Range(0, BenefitEditorRules.MaxCapacity, ErrorMessage = "Capacity can be at most 10,000.")]
    public int Capacity { get; set; }

    public bool GuestsAllowed { get; set; }
    public bool WaitlistEnabled { get; set; }

    // Trial
    public string? ProductName { get; set; }
    public int TrialDays { get; set; } = 30;
    public int? PickupStoreId { get; set; }

    // Guidance
    public string? ExpertUserId { get; set; }
    public int SlotMinutes { get; set; } = 30;
    public DateTime? AvailableFrom { get; set; }
    public DateTime? AvailableUntil { get; set; }
    public List<AvailabilityWindow> Availability { get; set; } = [];
}

/// <summary>A weekly window when the expert is free, in programme-local time.</summary>
public sealed class AvailabilityWindow
{
    public DayOfWeek Day { get; set; } = DayOfWeek.Tuesday;
    public TimeOnly StartTime { get; set; } = new(17, 0);
    public TimeOnly EndTime { get; set; } = new(19, 0);
}

/// <summary>The outcome of saving. <see cref="FieldErrors"/> is keyed by <see cref="BenefitEditor"/> property name.</summary>
public sealed record BenefitSaveResult(bool Succeeded, int? BenefitId, IReadOnlyDictionary<string, string> FieldErrors, string Message)
    : OperationResult(Succeeded, Message, FieldErrors)
{
    public static new BenefitSaveResult Invalid(IReadOnlyDictionary<string, string> errors, string? message = null) =>
        new(false, null, errors, message ?? CheckTheFieldsText);

    public static BenefitSaveResult Field(string field, string message, string? summary = null) =>
        Invalid(new Dictionary<string, string> { [field] = message }, summary);

    public static new BenefitSaveResult Refused(string message) => new(false, null, NoFieldErrors, message);
}

public sealed record NamedOption(int Id, string Name);

public sealed record ExpertOption(string UserId, string Name);

/// <summary>What the editor's pickers offer.</summary>
public sealed record BenefitChoices(
    IReadOnlyList<NamedOption> Tiers, IReadOnlyList<NamedOption> Stores, IReadOnlyList<NamedOption> Interests, IReadOnlyList<ExpertOption> Experts);

/// <summary>A benefit's page for the manager: numbers, who is coming, who is waiting and what members thought.</summary>
public sealed record BenefitOverview(
    BenefitListRow Summary,
    DateTime? EndsAt,
    string? Where,
    string? ProductName,
    string? ExpertName,
    bool HasImage,
    double? FeedbackAverage,
    int FeedbackCount,
    IReadOnlyList<RosterRow> Roster,
    IReadOnlyList<WaitlistRow> Waitlist,
    IReadOnlyList<TrialRow> Trials,
    IReadOnlyList<SessionRow> Sessions);

public sealed record RosterRow(long BookingId, string MemberName, string MemberCode, BookingStatus Status, int Seats, DateTime BookedAt, DateTime? CheckedInAt);

public sealed record WaitlistRow(int Position, long BookingId, string MemberName, string MemberCode, int Seats, DateTime WaitlistedAt);

public sealed record TrialRow(long BookingId, string MemberName, string MemberCode, BookingStatus Status, DateTime BookedAt, DateTime? DueAt, bool Overdue);

public sealed record SessionRow(long BookingId, DateTime StartsAt, DateTime EndsAt, string MemberName, string MemberCode, BookingStatus Status);
