using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Features.Benefits;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members;

/// <summary>The texts of member profiles, the manager's member list and member page (MembersText.resx and its languages).</summary>
public sealed class MembersText;

/// <summary>How members and their bookings read to a manager, in the reader's language.</summary>
public static class MemberWords
{
    /// <summary>
    /// The same resources for the static rules (<see cref="MemberRules"/>), which are called from every form and the
    /// import without services: like a generated resource class, it answers in the current UI culture.
    /// </summary>
    internal static IStringLocalizer<MembersText> Static => StaticText<MembersText>.Localizer;

    public static string Status(this IStringLocalizer<MembersText> text, MemberStatus status) => status switch
    {
        MemberStatus.Anonymised => text["Account deleted"],
        MemberStatus.NoLogin => text["Active · enrolled at the counter, no online account"],
        MemberStatus.LoginDeactivated => text["Login deactivated"],
        _ => text["Active · online account"],
    };

    public static string Booking(this IStringLocalizer<MembersText> text, OverviewBooking booking) => booking.Status switch
    {
        Benefits.BookingStatus.Confirmed => text["Booked"],
        Benefits.BookingStatus.Waitlisted => text["Waitlisted"],
        Benefits.BookingStatus.Attended => booking.Kind == BenefitKind.Guidance ? text["Completed"] : text["Attended"],
        Benefits.BookingStatus.NoShow => text["Missed"],
        _ => text["Cancelled"],
    };

    /// <summary>"Latest 20 of 134", or null when the list is short enough to show whole.</summary>
    public static string? Shown<T>(this IStringLocalizer<MembersText> text, LatestRows<T> rows) =>
        rows.Items.Count < rows.Total || rows.MoreThanCounted ? text["Latest {0} of {1}", rows.Items.Count, rows.TotalText].Value : null;

    /// <summary>The member's name; one who deleted their account is stored as "Deleted member", said in the reader's language.</summary>
    public static string DisplayName(this IStringLocalizer<MembersText> text, MemberOverview overview) =>
        overview.Status == MemberStatus.Anonymised ? text["Deleted member"] : overview.Profile.PreferredName;

    /// <summary>"Yes" or "No".</summary>
    public static string YesNo(this IStringLocalizer<MembersText> text, bool value) => value ? text["Yes"] : text["No"];
}
