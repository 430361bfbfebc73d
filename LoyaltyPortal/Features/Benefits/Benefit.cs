using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Features.Benefits;

public enum BenefitKind
{
    Event = 1,
    Trial = 2,
    Guidance = 3,
}

public enum BenefitStatus
{
    Draft = 0,
    Published = 1,
    Unpublished = 2,
    Archived = 3,
}

/// <summary>
/// An experiential benefit: an event, a product trial or expert guidance. One table holds all three kinds;
/// the common parts are shared and each kind fills in its own columns.
/// </summary>
public sealed class Benefit
{
    public int Id { get; set; }
    public BenefitKind Kind { get; set; }
    public BenefitStatus Status { get; set; }
    public string Title { get; set; } = "";

    /// <summary>Markdown (links, emphasis, lists); rendered with raw HTML disabled.</summary>
    public string Description { get; set; } = "";

    /// <summary>Lowest tier that may book; null means every member.</summary>
    public int? MinimumTierId { get; set; }

    public DateTime? BookingOpensAt { get; set; }
    public DateTime? BookingClosesAt { get; set; }

    /// <summary>Members at this tier or above may book <see cref="EarlyAccessHours"/> before <see cref="BookingOpensAt"/>.</summary>
    public int? EarlyAccessTierId { get; set; }

    public int EarlyAccessHours { get; set; }

    /// <summary>Cancelling is refused within this many hours of the start (events and sessions).</summary>
    public int CancellationCutoffHours { get; set; }

    // Event
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public int? LocationStoreId { get; set; }
    public string? LocationAddress { get; set; }
    public bool GuestsAllowed { get; set; }
    public bool WaitlistEnabled { get; set; }

    /// <summary>Seats (event) or units (trial). Guidance uses slots instead and leaves this 0.</summary>
    public int Capacity { get; set; }

    /// <summary>
    /// Seats or units in use. Changed only by conditional updates (<c>Taken + n &lt;= Capacity</c>), so two
    /// bookings can never both take the last seat.
    /// </summary>
    public int Taken { get; set; }

    // Trial
    public string? ProductName { get; set; }
    public int TrialDays { get; set; } = 30;
    public int? PickupStoreId { get; set; }

    // Guidance
    public string? ExpertUserId { get; set; }
    public int SlotMinutes { get; set; }
    public DateOnly? AvailableFrom { get; set; }
    public DateOnly? AvailableUntil { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<BenefitStore> Stores { get; set; } = [];
    public List<BenefitInterest> Interests { get; set; } = [];
    public List<BenefitEligibleInterest> EligibleInterests { get; set; } = [];
    public List<GuidanceAvailability> Availability { get; set; } = [];
}

/// <summary>A store where the benefit is offered. No rows means every store.</summary>
public sealed class BenefitStore
{
    public int BenefitId { get; set; }
    public int StoreId { get; set; }
    public Store? Store { get; set; }
}

/// <summary>An interest the benefit speaks to; used to order "For you".</summary>
public sealed class BenefitInterest
{
    public int BenefitId { get; set; }
    public int InterestId { get; set; }
    public Interest? Interest { get; set; }
}

/// <summary>When a benefit has any, only members with at least one of these interests are eligible.</summary>
public sealed class BenefitEligibleInterest
{
    public int BenefitId { get; set; }
    public int InterestId { get; set; }
    public Interest? Interest { get; set; }
}

/// <summary>
/// The benefit's picture, kept apart so that lists never load the bytes: either an upload (PNG, JPEG or WebP, checked by
/// its bytes) or one of the built-in illustrations in wwwroot/img/benefits. The crop is stored, not applied, so a
/// manager can change it later without uploading again.
/// </summary>
public sealed class BenefitImage
{
    public int BenefitId { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Data { get; set; } = [];

    /// <summary>A built-in illustration's file name (see <see cref="BenefitIllustrations"/>); when set, <see cref="Data"/> is empty.</summary>
    public string? Illustration { get; set; }

    /// <summary>The point kept in view, as percent of the width and height (0–100).</summary>
    public int FocusX { get; set; } = ImageCrop.Centre.FocusX;
    public int FocusY { get; set; } = ImageCrop.Centre.FocusY;

    /// <summary>How far to zoom in around the focus, in percent (100–300).</summary>
    public int Zoom { get; set; } = ImageCrop.Centre.Zoom;

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A weekly window when the expert is free, for example Tuesday 17:00–19:00 (programme time zone).</summary>
public sealed class GuidanceAvailability
{
    public int Id { get; set; }
    public int BenefitId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
}

/// <summary>One bookable session, generated from the availability. At most one live booking holds it.</summary>
public sealed class GuidanceSlot
{
    public int Id { get; set; }
    public int BenefitId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
}
