using System.Globalization;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Insights;

/// <summary>The texts of the manager's dashboard and insights (InsightsText.resx and its languages).</summary>
public sealed class InsightsText;

/// <summary>How insights read, in the reader's language.</summary>
public static class InsightsWords
{
    /// <summary>The English text, formatted, where no localizer is at hand (a service's own check, a test).</summary>
    public static string Say(this IStringLocalizer<InsightsText>? text, string english, params object[] arguments) =>
        text is null ? string.Format(CultureInfo.CurrentCulture, english, arguments) : text[english, arguments];

    /// <summary>A week's or month's label on a chart axis, in the reader's month names, marked when the dates cut it short.</summary>
    public static string Period(this IStringLocalizer<InsightsText> text, DateOnly day, string format, bool partial)
    {
        var label = day.ToString(format, CultureInfo.CurrentCulture);
        return partial ? text["{0} (partial)", label] : label;
    }

    /// <summary>The filter's dates in a downloaded file's name, e.g. "2026-08-24-to-2026-11-15".</summary>
    public static string FileRange(this IStringLocalizer<InsightsText> text, InsightsFilter filter) =>
        text["{0}-to-{1}", filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];

    /// <summary>What a significance line is called: the overall line and the former-tier line are ours, tier names are the manager's.</summary>
    public static string PulseLineLabel(this IStringLocalizer<InsightsText> text, string label) => label switch
    {
        SignificanceInsightsService.OverallLabel => text[SignificanceInsightsService.OverallLabel],
        SignificanceInsightsService.FormerTierLabel => text[SignificanceInsightsService.FormerTierLabel],
        _ => label,
    };
}
