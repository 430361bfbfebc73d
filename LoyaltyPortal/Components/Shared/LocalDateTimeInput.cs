using System.Globalization;
using MudBlazor;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// Converts between a wall-clock <see cref="DateTime"/> and an &lt;input type="datetime-local"&gt; value.
/// Blazor reports that input's value with seconds ("2026-11-30T11:11:00") even though it displays and accepts minutes,
/// so a single exact format (MudBlazor's default) rejects every value the browser sends.
/// </summary>
/// <remarks><see cref="Date"/> does the same for &lt;input type="date"&gt; ("2026-11-30"), for fields that take a whole day.</remarks>
public sealed class LocalDateTimeInput : IReversibleConverter<DateTime?, string?>
{
    public static readonly LocalDateTimeInput Instance = new(withTime: true);
    public static readonly LocalDateTimeInput Date = new(withTime: false);

    private const string MinuteFormat = "yyyy-MM-ddTHH:mm";
    private const string DayFormat = "yyyy-MM-dd";
    private static readonly string[] AcceptedFormats = [MinuteFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];
    private static readonly string[] AcceptedDayFormats = [DayFormat];

    private readonly bool withTime;

    private LocalDateTimeInput(bool withTime) => this.withTime = withTime;

    public string? Convert(DateTime? input) => input?.ToString(withTime ? MinuteFormat : DayFormat, CultureInfo.InvariantCulture);

    public DateTime? ConvertBack(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        if (!DateTime.TryParseExact(input.Trim(), withTime ? AcceptedFormats : AcceptedDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw new InvalidOperationException(withTime ? "Enter a date and a time." : "Enter a date.");
        }
        // The editors work in whole minutes; drop any seconds the browser adds.
        return new DateTime(parsed.Year, parsed.Month, parsed.Day, parsed.Hour, parsed.Minute, 0, DateTimeKind.Unspecified);
    }
}
