using System.Globalization;

namespace LoyaltyPortal.Data;

public sealed class ProgrammeOptions
{
    public const string Section = "Programme";

    /// <summary>IANA time zone the stores trade in: "today" and "this year" follow it.</summary>
    public string TimeZone { get; set; } = "Europe/London";
}

/// <summary>Days and years as the stores live them. The database keeps UTC; boundaries are local.</summary>
/// <remarks>Dates read in the person's language and conventions (the current culture); the time zone is the programme's.</remarks>
public sealed class ProgrammeCalendar(
    Microsoft.Extensions.Options.IOptions<ProgrammeOptions> options, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<CalendarText>? text = null)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>A stored UTC instant as people in the stores read it, e.g. "2 Nov 2026, 12:00".</summary>
    public string FormatDateTime(DateTime utc) =>
        ToLocal(utc).ToString(DatePattern(CultureInfo.CurrentCulture) + ", HH:mm", CultureInfo.CurrentCulture);

    /// <summary>"14:00": a time on a day the reader already knows, such as today.</summary>
    public string FormatTime(DateTime utc) => ToLocal(utc).ToString("HH:mm", CultureInfo.CurrentCulture);

    /// <summary>The local calendar date of a stored UTC instant, e.g. "2 Nov 2026".</summary>
    public string FormatDate(DateTime utc) => ToLocal(utc).ToString(DatePattern(CultureInfo.CurrentCulture), CultureInfo.CurrentCulture);

    /// <summary>
    /// A day and short month in the culture's own order and punctuation: "5 Dec" in English, "5. Dez." in German
    /// (the culture's month-day pattern with the month shortened). A culture that puts the month first (the invariant
    /// one a background job may run under) reads the British way, as the programme's English does.
    /// </summary>
    public static string DayMonthPattern(CultureInfo culture) => culture.DateTimeFormat.MonthDayPattern is var pattern && pattern.StartsWith('d')
        ? pattern.Replace("MMMM", "MMM", StringComparison.Ordinal) : "d MMM";

    /// <summary>A day in the reader's culture without its year: "5 Dec", "5. Dez.".</summary>
    public static string DayMonth(DateOnly day) => day.ToString(DayMonthPattern(CultureInfo.CurrentCulture), CultureInfo.CurrentCulture);

    /// <inheritdoc cref="DayMonth(DateOnly)"/>
    public static string DayMonth(DateTime day) => day.ToString(DayMonthPattern(CultureInfo.CurrentCulture), CultureInfo.CurrentCulture);

    /// <summary>A date with a short month: "5 Dec 2026" in English, "5. Dez. 2026" in German.</summary>
    public static string DatePattern(CultureInfo culture) => DayMonthPattern(culture) + " yyyy";

    /// <summary>
    /// A short "when" for lists on a phone: "Just now", "5 min ago", "14:05" (today), "Yesterday 14:05", "Mon 14:05"
    /// (this week), "3 Nov" (this year), "3 Nov 2025". Pair it with <see cref="FormatDateTime"/> for the full time.
    /// </summary>
    public string FormatAgo(DateTime utc)
    {
        var now = UtcNow;
        var ago = now - DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (ago < TimeSpan.FromMinutes(1) && ago > TimeSpan.FromMinutes(-1)) return Text("Just now");
        if (ago > TimeSpan.Zero && ago < TimeSpan.FromHours(1)) return Text("{0} min ago", (int)ago.TotalMinutes);
        var (local, today) = (ToLocal(utc), ToLocal(now).Date);
        var culture = CultureInfo.CurrentCulture;
        var time = local.ToString("HH:mm", culture);
        var days = (today - local.Date).Days;
        return days switch
        {
            0 => time,
            1 => Text("Yesterday {0}", time),
            > 1 and < 7 => local.ToString("ddd ", culture) + time,
            _ when local.Year == today.Year => local.ToString(DayMonthPattern(culture), culture),
            _ => local.ToString(DatePattern(culture), culture),
        };
    }

    /// <summary>A CalendarText in the current UI language: the short times above and a booking's calendar file.</summary>
    public string Text(string english, params object[] arguments) =>
        text is null ? string.Format(CultureInfo.CurrentCulture, english, arguments) : text[english, arguments];

    /// <summary>The UTC instant local midnight began today.</summary>
    public DateTime StartOfTodayUtc() => ToUtc(ToLocal(UtcNow).Date);

    /// <summary>The UTC instant the local calendar year began.</summary>
    public DateTime StartOfYearUtc() => ToUtc(new DateTime(ToLocal(UtcNow).Year, 1, 1));

    /// <summary>A local wall-clock time as a UTC instant; an ambiguous time (clocks going back) reads as standard time.</summary>
    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    /// <summary>Whether the local time never happens (skipped when the clocks go forward).</summary>
    public bool IsSkipped(DateTime local) => zone.IsInvalidTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
}
