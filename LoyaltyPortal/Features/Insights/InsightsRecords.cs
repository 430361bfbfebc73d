using System.Globalization;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// What the insights page shows: programme-local calendar dates (both ends included), and optionally one store and
/// one tier. The page's query string carries it, so a view can be shared as a link.
/// </summary>
public sealed record InsightsFilter(DateOnly From, DateOnly To, int? StoreId = null, int? TierId = null)
{
    public const int DefaultWeeks = 12;
    public const int MaxWeeks = 104;

    /// <summary>The last 12 whole ISO weeks, up to last Sunday: a week still under way would read as a drop.</summary>
    public static InsightsFilter Default(DateOnly today) => new(WeekStart(today).AddDays(-7 * DefaultWeeks), WeekStart(today).AddDays(-1));

    /// <summary>The Monday that starts the ISO week a day falls in.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// Why a date range can't be shown, in words for the person who picked it (in English without <paramref name="text"/>,
    /// for a service's own check); null when it can.
    /// </summary>
    public static string? RangeProblem(DateOnly from, DateOnly to, DateOnly today, IStringLocalizer<InsightsText>? text = null)
    {
        if (from > to) return text.Say("The start date must be on or before the end date.");
        if (to > today) return text.Say("The range can't end after today.");
        if (WeekStart(to).DayNumber - WeekStart(from).DayNumber >= MaxWeeks * 7) return text.Say("Choose a range of at most {0} weeks.", MaxWeeks);
        return null;
    }

    /// <summary>The filter a query string asks for; anything missing, malformed or out of range falls back to the default.</summary>
    public static InsightsFilter FromQuery(string? store, string? tier, string? from, string? to, DateOnly today)
    {
        var filter = Default(today);
        if (Date(from) is { } f && Date(to) is { } t && RangeProblem(f, t, today) is null) filter = filter with { From = f, To = t };
        return filter with { StoreId = Id(store), TierId = Id(tier) };
    }

    /// <summary>The query string values for this filter; the default range is left out to keep links short.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery(DateOnly today)
    {
        var isDefault = Default(today) is var d && d.From == From && d.To == To;
        return new Dictionary<string, object?>
        {
            ["store"] = StoreId,
            ["tier"] = TierId,
            ["from"] = isDefault ? null : From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = isDefault ? null : To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Whether the range leaves out some days of the week starting on this Monday.</summary>
    public bool IsPartial(DateOnly weekStart) => weekStart < From || weekStart.AddDays(6) > To;

    /// <summary>The Mondays of every week the range touches, oldest first.</summary>
    public IReadOnlyList<DateOnly> Weeks()
    {
        var weeks = new List<DateOnly>();
        for (var week = WeekStart(From); week <= To; week = week.AddDays(7)) weeks.Add(week);
        return weeks;
    }

    /// <summary>The first day of every calendar month the range touches, oldest first.</summary>
    public IReadOnlyList<DateOnly> Months()
    {
        var months = new List<DateOnly>();
        for (var month = new DateOnly(From.Year, From.Month, 1); month <= To; month = month.AddMonths(1)) months.Add(month);
        return months;
    }

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static int? Id(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}

public sealed record TierOption(int Id, string Name);

/// <summary>The choices for the filter bar.</summary>
public sealed record InsightsOptions(IReadOnlyList<StoreOption> Stores, IReadOnlyList<TierOption> Tiers)
{
    /// <summary>The filter without a store or tier that no longer exists (an old link, a deleted tier).</summary>
    public InsightsFilter Known(InsightsFilter filter) => filter with
    {
        StoreId = Stores.Any(s => s.Id == filter.StoreId) ? filter.StoreId : null,
        TierId = Tiers.Any(t => t.Id == filter.TierId) ? filter.TierId : null,
    };
}

/// <summary>One activity type's count in each week of an <see cref="EngagementReport"/>.</summary>
public sealed record WeeklyActivity(ActivityType Type, IReadOnlyList<int> Counts);

/// <summary>
/// Engagement per ISO week: <see cref="Weeks"/> holds each week's Monday, and every list runs parallel to it.
/// Activity counts cover only the days inside the filter's range; a week the range cuts short has no active-member
/// figure (null), because distinct members are counted per whole week. <see cref="UpdatedAt"/> is when the rollups
/// last caught up with the ledger; null while the first run is still reading the history.
/// </summary>
public sealed record EngagementReport(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<int?> ActiveMembers, IReadOnlyList<WeeklyActivity> Activities, DateTime? UpdatedAt)
{
    public bool IsPreparing => UpdatedAt is null;

    public bool HasActivity => ActiveMembers.Any(n => n > 0) || Activities.Any(a => a.Counts.Any(n => n > 0));

    public static EngagementReport Preparing(IReadOnlyList<DateOnly> weeks) => new(weeks, weeks.Select(_ => (int?)null).ToList(), [], null);
}
