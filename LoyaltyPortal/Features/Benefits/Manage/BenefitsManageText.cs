using System.Globalization;
using LoyaltyPortal.Data;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>The texts of the manager's benefit list, editor and overview (BenefitsManageText.resx and its languages).</summary>
public sealed class BenefitsManageText;

/// <summary>How the manager's benefit pages name statuses and days, in the reader's language.</summary>
public static class BenefitsManageWords
{
    public static string Status(this IStringLocalizer<BenefitsManageText> text, BenefitStatus status) => status switch
    {
        BenefitStatus.Published => text["Published"],
        BenefitStatus.Unpublished => text["Unpublished"],
        BenefitStatus.Archived => text["Archived"],
        _ => text["Draft"],
    };

    /// <summary>A booking's status in the overview's tables.</summary>
    public static string Booking(this IStringLocalizer<BenefitsManageText> text, BookingStatus status) => status switch
    {
        BookingStatus.Confirmed => text["Booked"],
        BookingStatus.Waitlisted => text["Waitlisted"],
        BookingStatus.Attended => text["Attended"],
        BookingStatus.NoShow => text["No-show"],
        BookingStatus.HandedOut => text["Handed out"],
        BookingStatus.Kept => text["Kept"],
        BookingStatus.Returned => text["Returned"],
        _ => text["Cancelled"],
    };

    /// <summary>"Monday", as the reader's language names it.</summary>
    public static string Day(DayOfWeek day) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);
}
