using System.Globalization;
using MudBlazor;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// Converts between a wall-clock <see cref="DateTime"/> and an &lt;input type="datetime-local"&gt; value.
/// Blazor reports that input's value with seconds ("2026-11-30T11:11:00") even though it displays and accepts minutes,
/// so a single exact format (MudBlazor's default) rejects every value the browser sends.
/// </summary>
public sealed class LocalDateTimeInput : IReversibleConverter<DateTime?, string?>
{
    public static readonly LocalDateTimeInput Instance = new();

    private const string MinuteFormat = "yyyy-MM-ddTHH:mm";
    private static readonly string[] AcceptedFormats = [MinuteFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];

    public string? Convert(DateTime? input) => input?.ToString(MinuteFormat, CultureInfo.InvariantCulture);

    public DateTime? ConvertBack(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        if (!DateTime.TryParseExact(input.Trim(), AcceptedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw new InvalidOperationException("Enter a date and a time.");
        }
        // The editors work in whole minutes; drop any seconds the browser adds.
        return new DateTime(parsed.Year, parsed.Month, parsed.Day, parsed.Hour, parsed.Minute, 0, DateTimeKind.Unspecified);
    }
}
