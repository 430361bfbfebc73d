using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Insights;

/// <summary>What every insight query shares: who may ask, the filter's days as UTC instants, and the tier filter.</summary>
internal static class InsightsScope
{
    public static Task RequireManagerAsync(ActiveCallers callers, IStringLocalizer<InsightsText> text, Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsManager, text["Only managers can see programme insights."], ct);

    /// <summary>Today in the programme's time zone, the day date ranges end on.</summary>
    public static DateOnly Today(ProgrammeCalendar calendar) => DateOnly.FromDateTime(calendar.ToLocal(calendar.UtcNow));

    /// <summary>Every insight query's gate: the caller is a manager and the filter's dates can be shown.</summary>
    public static async Task RequireAsync(
        ActiveCallers callers, IStringLocalizer<InsightsText> text, Caller caller, InsightsFilter filter, ProgrammeCalendar calendar, CancellationToken ct)
    {
        await RequireManagerAsync(callers, text, caller, ct);
        if (InsightsFilter.RangeProblem(filter.From, filter.To, Today(calendar), text) is { } problem) throw new ArgumentException(problem, nameof(filter));
    }

    /// <summary>The filter's range as UTC instants: from the start of the first day up to the start of the day after the last.</summary>
    public static (DateTime From, DateTime To) Instants(ProgrammeCalendar calendar, InsightsFilter filter) =>
        (StartOfDayUtc(calendar, filter.From), StartOfDayUtc(calendar, filter.To.AddDays(1)));

    /// <summary>The UTC instant a local calendar day began; where clocks skip midnight, the first local time that exists.</summary>
    public static DateTime StartOfDayUtc(ProgrammeCalendar calendar, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (calendar.IsSkipped(local)) local = local.AddMinutes(15);
        return calendar.ToUtc(local);
    }

    /// <summary>Whether the member holds the tier now. A member without a standing row holds the entry tier (the lowest).</summary>
    public static IQueryable<int> MembersInTier(LoyaltyDbContext db, int tierId)
    {
        var entryTierId = db.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).Select(t => t.Id).Take(1);
        return db.Members.Where(m => db.MemberStandings.Any(s => s.MemberId == m.Id && s.TierId == tierId)
                || (!db.MemberStandings.Any(s => s.MemberId == m.Id) && entryTierId.Contains(tierId)))
            .Select(m => m.Id);
    }

    /// <summary>When the rollups last caught up with the ledger; null until their first run has read the history.</summary>
    public static Task<DateTime?> RefreshedAtAsync(LoyaltyDbContext db, CancellationToken ct) =>
        db.InsightsRollupStates.AsNoTracking().Where(s => s.Id == InsightsRollupState.SingletonId).Select(s => s.RefreshedAt).FirstOrDefaultAsync(ct);
}
