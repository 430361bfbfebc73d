using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>How benefits and bookings look to members and staff: icons and colours. Their words are in <see cref="BenefitsText"/>.</summary>
public static class BenefitText
{
    public static string KindIcon(BenefitKind kind) => kind switch
    {
        BenefitKind.Event => MudBlazor.Icons.Material.Filled.Event,
        BenefitKind.Trial => MudBlazor.Icons.Material.Filled.Inventory2,
        _ => MudBlazor.Icons.Material.Filled.SupportAgent,
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
