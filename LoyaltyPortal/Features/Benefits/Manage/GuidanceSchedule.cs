using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// Turns an expert's weekly availability into session times. Availability is wall-clock time in the programme's
/// zone, so "Tuesday 17:00" stays 17:00 either side of a clock change while its UTC instant moves.
/// </summary>
internal static class GuidanceSchedule
{
    public static List<(DateTime StartsAt, DateTime EndsAt)> Slots(
        DateOnly from, DateOnly until, IReadOnlyCollection<AvailabilityWindow> windows, int slotMinutes, ProgrammeCalendar calendar)
    {
        var slots = new List<(DateTime, DateTime)>();
        var length = TimeSpan.FromMinutes(slotMinutes);
        for (var day = from; day <= until; day = day.AddDays(1))
        {
            foreach (var window in windows.Where(w => w.Day == day.DayOfWeek).OrderBy(w => w.StartTime))
            {
                // TimeSpan arithmetic: TimeOnly would wrap past midnight and loop forever.
                for (var start = window.StartTime.ToTimeSpan(); start + length <= window.EndTime.ToTimeSpan(); start += length)
                {
                    var local = day.ToDateTime(TimeOnly.MinValue) + start;
                    if (calendar.IsSkipped(local)) continue;
                    var startsAt = calendar.ToUtc(local);
                    slots.Add((startsAt, startsAt + length));
                }
            }
        }
        return slots;
    }

    /// <summary>Whether a session lies wholly inside one of the windows, on a day within the range.</summary>
    public static bool Fits(DateTime startsAt, DateTime endsAt, DateOnly from, DateOnly until, IReadOnlyCollection<AvailabilityWindow> windows, ProgrammeCalendar calendar)
    {
        var start = calendar.ToLocal(startsAt);
        var end = calendar.ToLocal(endsAt);
        var day = DateOnly.FromDateTime(start);
        if (day < from || day > until || DateOnly.FromDateTime(end) != day && end.TimeOfDay != TimeSpan.Zero) return false;
        var endTime = end.TimeOfDay == TimeSpan.Zero && end.Date > start.Date ? TimeSpan.FromDays(1) : end.TimeOfDay;
        return windows.Any(w => w.Day == start.DayOfWeek && w.StartTime.ToTimeSpan() <= start.TimeOfDay && endTime <= w.EndTime.ToTimeSpan());
    }
}
