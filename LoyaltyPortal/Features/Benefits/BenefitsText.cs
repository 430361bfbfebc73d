using System.Globalization;
using LoyaltyPortal.Data;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>The texts of benefits and bookings for members and staff (BenefitsText.resx and its languages).</summary>
public sealed class BenefitsText;

/// <summary>How benefits and bookings read, in the reader's language.</summary>
public static class BenefitWords
{
    public static string Kind(this IStringLocalizer<BenefitsText> text, BenefitKind kind) => kind switch
    {
        BenefitKind.Event => text["Event"],
        BenefitKind.Trial => text["Trial"],
        _ => text["Guidance"],
    };

    /// <summary>"38 going · 4 seats left · 12 on the waitlist"; only what is true and useful.</summary>
    public static string SocialProof(this IStringLocalizer<BenefitsText> text, BenefitCard card)
    {
        var parts = new List<string>();
        switch (card.Kind)
        {
            case BenefitKind.Event:
                if (card.Going > 0) parts.Add(text["{0} going", card.Going]);
                if (card.SeatsLeft is { } seats) parts.Add(seats == 0 ? text["Full"] : seats == 1 ? text["1 seat left"] : text["{0} seats left", seats]);
                break;
            case BenefitKind.Trial:
                if (card.Going > 0) parts.Add(text["{0} trying it", card.Going]);
                if (card.SeatsLeft is { } units) parts.Add(units == 0 ? text["All claimed"] : units == 1 ? text["1 left"] : text["{0} left", units]);
                break;
            default:
                if (card.SeatsLeft is { } slots)
                {
                    parts.Add(slots == 0 ? text["No free times"] : slots == 1 ? text["1 time free"] : text["{0} times free", slots]);
                }
                break;
        }
        if (card.WaitlistLength > 0) parts.Add(text["{0} on the waitlist", card.WaitlistLength]);
        return string.Join(" · ", parts);
    }

    public static string When(this IStringLocalizer<BenefitsText> text, BenefitCard card, ProgrammeCalendar calendar) => card.StartsAt is { } starts
        ? calendar.FormatDateTime(starts) + (card.EndsAt is { } ends ? "–" + calendar.ToLocal(ends).ToString("HH:mm", CultureInfo.CurrentCulture) : "")
        : card.Kind == BenefitKind.Trial ? text["Collect in store"] : text["Choose a time"];

    public static string Status(this IStringLocalizer<BenefitsText> text, MyBooking booking, ProgrammeCalendar calendar, DateTime now) =>
        booking.Status switch
        {
            BookingStatus.Confirmed => booking.Kind == BenefitKind.Trial ? text["Claimed: collect in store"] : text["Booked"],
            BookingStatus.Waitlisted => booking.WaitlistPosition is { } p ? text["Waitlist #{0}", p] : text["On the waitlist"],
            BookingStatus.Attended => booking.Kind == BenefitKind.Guidance ? text["Completed"] : text["Attended"],
            BookingStatus.NoShow => text["Missed"],
            BookingStatus.HandedOut when booking.DueAt is { } due && due < now => text["Overdue since {0}", calendar.FormatDate(due)],
            BookingStatus.HandedOut => booking.DueAt is { } due ? text["Due back {0}", calendar.FormatDate(due)] : text["Handed out"],
            BookingStatus.Kept => text["Kept"],
            BookingStatus.Returned => text["Returned"],
            _ => text["Cancelled"],
        };
}
