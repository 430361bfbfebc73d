using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>What the member's calendar should hold for one booking, as the .ics file writes it.</summary>
public sealed record BookingCalendarEntry(
    long BookingId, string Title, BookingStatus Status, DateTime StartsAt, DateTime? EndsAt, string? Where, int Seats, int Sequence);

/// <summary>
/// Writes a booking's .ics file with Ical.Net. The UID is the same for the life of the booking and the SEQUENCE rises with
/// every change, so opening a newer file updates the entry a member saved before and a cancelled booking's file
/// (METHOD:CANCEL) removes it. Times are written in UTC: every calendar places them correctly without a VTIMEZONE.
/// </summary>
public static class BookingCalendar
{
    private const string ProductId = "-//LoyaltyPortal//Bookings//EN";

    /// <summary>booking-42@loyalty.example.com: the host comes from configuration, never from a request.</summary>
    public static string Uid(long bookingId, string host) => $"booking-{bookingId}@{host}";

    /// <summary>Whether the member can still save this booking, which is upcoming and holds or awaits a place.</summary>
    public static bool CanAdd(MyBooking booking, DateTime now) =>
        booking.Kind != BenefitKind.Trial && booking.StartsAt is { } starts
        && booking.Status is BookingStatus.Confirmed or BookingStatus.Waitlisted
        && (booking.EndsAt ?? starts) > now;

    /// <summary>Whether a cancelled booking's entry may still sit in the member's calendar, in the future, to be removed.</summary>
    public static bool CanRemove(MyBooking booking, DateTime now) =>
        booking.Kind != BenefitKind.Trial && booking.Status == BookingStatus.Cancelled && booking.StartsAt is { } starts
        && (booking.EndsAt ?? starts) > now;

    /// <summary>The file's words come from <paramref name="calendar"/> in the current UI language: the member's, who downloads it.</summary>
    public static CalendarFile Write(BookingCalendarEntry entry, string host, DateTime now, ProgrammeCalendar calendar)
    {
        var cancelled = entry.Status == BookingStatus.Cancelled;
        var title = entry.Status == BookingStatus.Waitlisted ? calendar.Text("{0} (waitlist)", entry.Title) : entry.Title;
        var vevent = new CalendarEvent
        {
            Uid = Uid(entry.BookingId, host),
            Sequence = entry.Sequence,
            DtStamp = Utc(now),
            DtStart = Utc(entry.StartsAt),
            DtEnd = Utc(entry.EndsAt ?? entry.StartsAt.AddHours(1)),
            Summary = title,
            Location = entry.Where,
            Description = cancelled ? calendar.Text("Cancelled.")
                : entry.Seats == 2 ? calendar.Text("Booked with LoyaltyPortal for you and a guest.") : calendar.Text("Booked with LoyaltyPortal."),
            Status = cancelled ? EventStatus.Cancelled : entry.Status == BookingStatus.Waitlisted ? EventStatus.Tentative : EventStatus.Confirmed,
        };
        var file = new Calendar { ProductId = ProductId, Method = cancelled ? CalendarMethods.Cancel : CalendarMethods.Publish };
        file.Events.Add(vevent);
        var content = new CalendarSerializer().SerializeToString(file) ?? "";
        return new CalendarFile($"{Slug(entry.Title)}.ics", content);
    }

    private static CalDateTime Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static string Slug(string title)
    {
        var slug = new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Length == 0 ? "booking" : slug[..Math.Min(slug.Length, 60)];
    }
}
