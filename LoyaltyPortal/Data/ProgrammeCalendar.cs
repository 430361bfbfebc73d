namespace LoyaltyPortal.Data;

public sealed class ProgrammeOptions
{
    public const string Section = "Programme";

    /// <summary>IANA time zone the stores trade in: "today" and "this year" follow it.</summary>
    public string TimeZone { get; set; } = "Europe/London";
}

/// <summary>Days and years as the stores live them. The database keeps UTC; boundaries are local.</summary>
public sealed class ProgrammeCalendar(Microsoft.Extensions.Options.IOptions<ProgrammeOptions> options, TimeProvider clock)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>A stored UTC instant as people in the stores read it, e.g. "2 Nov 2026, 12:00".</summary>
    public string FormatDateTime(DateTime utc) => ToLocal(utc).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"14:00": a time on a day the reader already knows, such as today.</summary>
    public string FormatTime(DateTime utc) => ToLocal(utc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The local calendar date of a stored UTC instant, e.g. "2 Nov 2026".</summary>
    public string FormatDate(DateTime utc) => ToLocal(utc).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The UTC instant local midnight began today.</summary>
    public DateTime StartOfTodayUtc() => ToUtc(ToLocal(UtcNow).Date);

    /// <summary>The UTC instant the local calendar year began.</summary>
    public DateTime StartOfYearUtc() => ToUtc(new DateTime(ToLocal(UtcNow).Year, 1, 1));

    /// <summary>The next time the local clock shows this hour (later today, or else tomorrow), as a UTC instant.</summary>
    public DateTime NextLocalHourUtc(int hour)
    {
        var local = ToLocal(UtcNow);
        var today = local.Date.AddHours(hour);
        return ToUtc(local < today ? today : today.AddDays(1));
    }

    /// <summary>A local wall-clock time as a UTC instant; an ambiguous time (clocks going back) reads as standard time.</summary>
    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    /// <summary>Whether the local time never happens (skipped when the clocks go forward).</summary>
    public bool IsSkipped(DateTime local) => zone.IsInvalidTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
}
