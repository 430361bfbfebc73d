using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>How benefits and bookings read to members and staff.</summary>
public static class BenefitText
{
    public static string Kind(BenefitKind kind) => kind switch
    {
        BenefitKind.Event => "Event",
        BenefitKind.Trial => "Trial",
        _ => "Guidance",
    };

    public static string KindIcon(BenefitKind kind) => kind switch
    {
        BenefitKind.Event => MudBlazor.Icons.Material.Filled.Event,
        BenefitKind.Trial => MudBlazor.Icons.Material.Filled.Inventory2,
        _ => MudBlazor.Icons.Material.Filled.SupportAgent,
    };

    /// <summary>"38 going · 4 seats left · 12 on the waitlist"; only what is true and useful.</summary>
    public static string SocialProof(BenefitCard card)
    {
        var parts = new List<string>();
        switch (card.Kind)
        {
            case BenefitKind.Event:
                if (card.Going > 0) parts.Add($"{card.Going} going");
                if (card.SeatsLeft is { } seats) parts.Add(seats == 0 ? "Full" : seats == 1 ? "1 seat left" : $"{seats} seats left");
                break;
            case BenefitKind.Trial:
                if (card.Going > 0) parts.Add($"{card.Going} trying it");
                if (card.SeatsLeft is { } units) parts.Add(units == 0 ? "All claimed" : units == 1 ? "1 left" : $"{units} left");
                break;
            default:
                if (card.SeatsLeft is { } slots) parts.Add(slots == 0 ? "No free times" : slots == 1 ? "1 time free" : $"{slots} times free");
                break;
        }
        if (card.WaitlistLength > 0) parts.Add($"{card.WaitlistLength} on the waitlist");
        return string.Join(" · ", parts);
    }

    public static string When(BenefitCard card, ProgrammeCalendar calendar) => card.StartsAt is { } starts
        ? calendar.FormatDateTime(starts) + (card.EndsAt is { } ends ? "–" + calendar.ToLocal(ends).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "")
        : card.Kind == BenefitKind.Trial ? "Collect in store" : "Choose a time";

    public static string Status(MyBooking booking, ProgrammeCalendar calendar, DateTime now) => booking.Status switch
    {
        BookingStatus.Confirmed => booking.Kind == BenefitKind.Trial ? "Claimed: collect in store" : "Booked",
        BookingStatus.Waitlisted => booking.WaitlistPosition is { } p ? $"Waitlist #{p}" : "On the waitlist",
        BookingStatus.Attended => booking.Kind == BenefitKind.Guidance ? "Completed" : "Attended",
        BookingStatus.NoShow => "Missed",
        BookingStatus.HandedOut when booking.DueAt is { } due && due < now => $"Overdue since {calendar.FormatDate(due)}",
        BookingStatus.HandedOut => booking.DueAt is { } due ? $"Due back {calendar.FormatDate(due)}" : "Handed out",
        BookingStatus.Kept => "Kept",
        BookingStatus.Returned => "Returned",
        _ => "Cancelled",
    };

    public static MudBlazor.Color StatusColour(MyBooking booking, DateTime now) => booking.Status switch
    {
        BookingStatus.Confirmed or BookingStatus.Attended or BookingStatus.Kept => MudBlazor.Color.Success,
        BookingStatus.Waitlisted => MudBlazor.Color.Warning,
        BookingStatus.HandedOut when booking.DueAt is { } due && due < now => MudBlazor.Color.Error,
        BookingStatus.HandedOut => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };
}
