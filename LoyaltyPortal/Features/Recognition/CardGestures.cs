using System.Globalization;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using MudBlazor;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>An upcoming event at the store that speaks to one of the member's interests and still has seats.</summary>
public sealed record EventInvite(string Title, DateTime StartsAtLocal, string Interest, int SeatsLeft);

/// <summary>What the card knows about the member, in programme-local dates, for choosing cues and the gesture.</summary>
public sealed record GestureFacts(
    string PreferredName, DateTime NowLocal, DateOnly? Birthday, DateTime JoinedLocal, DateTime? LastVisitLocal, bool HasInterests,
    TierProgress Tier, IReadOnlyList<CardBooking> TodaysBookings, IReadOnlyList<CardTrial> Trials, Func<DateTime, DateTime> ToLocal, EventInvite? Invite);

/// <summary>
/// Picks the one gesture worth making now, most time-critical first: something staff must do today beats a
/// nice-to-have. Pure, so every rule is testable with a fixed date.
/// </summary>
public static class CardGestures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    public const int NearDays = 3;
    public const int AbsentDays = 60;
    public const int NewMemberDays = 14;

    public static SuggestedGesture? Choose(GestureFacts f)
    {
        var today = DateOnly.FromDateTime(f.NowLocal);
        var first = FirstName(f.PreferredName);

        var overdue = f.Trials.Where(t => t.IsOverdue && t.DueAt is not null).OrderBy(t => t.DueAt).FirstOrDefault();
        if (overdue is not null)
        {
            return new($"Trial was due back {Day(f.ToLocal(overdue.DueAt!.Value), today)}: ask how the {overdue.Product} is going and whether {first} will keep it", Icons.Material.Filled.AssignmentLate);
        }

        var toCheckIn = f.TodaysBookings.Where(b => b.CanCheckIn).OrderBy(b => b.StartsAt).FirstOrDefault();
        if (toCheckIn is not null)
        {
            return new($"Check {first} in to {toCheckIn.Title} ({f.ToLocal(toCheckIn.StartsAt).ToString("HH:mm", Invariant)})", Icons.Material.Filled.HowToReg);
        }

        if (NextBirthday(f.Birthday, today) is { } birthday && birthday == today)
        {
            return new($"It's {first}'s birthday today: wish them a happy birthday", Icons.Material.Filled.Cake);
        }

        var dueSoon = f.Trials.Where(t => t.Status == BookingStatus.HandedOut && t.DueAt is not null && !t.IsOverdue)
            .Where(t => DateOnly.FromDateTime(f.ToLocal(t.DueAt!.Value)).DayNumber - today.DayNumber <= NearDays)
            .OrderBy(t => t.DueAt).FirstOrDefault();
        if (dueSoon is not null)
        {
            return new($"Trial due back {Day(f.ToLocal(dueSoon.DueAt!.Value), today)}: ask how the {dueSoon.Product} feels", Icons.Material.Filled.Science);
        }

        if (f.Invite is { } invite)
        {
            var seats = invite.SeatsLeft == 1 ? "1 seat left" : $"{invite.SeatsLeft} seats left";
            return new($"Invite to {invite.Title} ({Day(invite.StartsAtLocal, today)} {invite.StartsAtLocal.ToString("HH:mm", Invariant)}): matches ‘{invite.Interest}’, {seats}", Icons.Material.Filled.Event);
        }

        var waiting = f.Trials.FirstOrDefault(t => t.Status == BookingStatus.Confirmed);
        if (waiting is not null)
        {
            return new($"{first}'s {waiting.Product} trial is waiting: hand it out today", Icons.Material.Filled.Inventory2);
        }

        foreach (var cue in Cues(f))
        {
            return new(cue.EndsWith("today", StringComparison.Ordinal) ? $"{cue}: congratulate {first}" : $"{cue}: mention it", Icons.Material.Filled.Celebration);
        }

        if (f.Tier is { Next: { } next, VisitsToGo: { } visits and > 0 and <= 2 })
        {
            return new($"{(visits == 1 ? "1 visit" : $"{visits} visits")} to {next.Name}: let {first} know how close they are", Icons.Material.Filled.TrendingUp);
        }

        if (f.Tier is { LapseWarning: true, DropsAt: { } drops })
        {
            return new($"{f.Tier.Held.Name} lapses {Day(f.ToLocal(drops), today)} unless {first} earns {f.Tier.PointsToKeep} more points: invite them to something", Icons.Material.Filled.HourglassBottom);
        }

        if (f.LastVisitLocal is { } last && today.DayNumber - DateOnly.FromDateTime(last).DayNumber >= AbsentDays)
        {
            return new($"First visit in {today.DayNumber - DateOnly.FromDateTime(last).DayNumber} days: welcome {first} back", Icons.Material.Filled.WavingHand);
        }

        if (!f.HasInterests)
        {
            return new($"Ask what matters to {first}: no interests recorded yet", Icons.Material.Filled.Forum);
        }
        return null;
    }

    /// <summary>Birthday and anniversary cues within a few days either side, and a new member's first fortnight.</summary>
    public static IReadOnlyList<string> Cues(GestureFacts f)
    {
        var today = DateOnly.FromDateTime(f.NowLocal);
        var cues = new List<string>();
        if (Nearest(f.Birthday, today) is { } birthday && Math.Abs(birthday.DayNumber - today.DayNumber) <= NearDays)
        {
            cues.Add(birthday == today ? "Birthday today" : birthday > today ? $"Birthday {Day(birthday, today)}" : $"Birthday was {Day(birthday, today)}");
        }

        var joined = DateOnly.FromDateTime(f.JoinedLocal);
        var anniversary = Nearest(joined, today);
        if (anniversary is { } date && date.Year > joined.Year && Math.Abs(date.DayNumber - today.DayNumber) <= NearDays)
        {
            var years = date.Year - joined.Year;
            var span = years == 1 ? "1 year" : $"{years} years";
            cues.Add(date == today ? $"{span} with us today" : date > today ? $"{span} with us {Day(date, today)}" : $"{span} with us since {Day(date, today)}");
        }

        var daysIn = today.DayNumber - joined.DayNumber;
        if (daysIn is >= 0 and < NewMemberDays) cues.Add(daysIn == 0 ? "Joined today" : daysIn == 1 ? "Joined yesterday" : $"Joined {daysIn} days ago");
        return cues;
    }

    private static DateOnly? NextBirthday(DateOnly? birthday, DateOnly today) => Nearest(birthday, today) is { } d && d >= today ? d : null;

    /// <summary>This year's, last year's or next year's occurrence, whichever is closest to today (29 February falls on the 28th).</summary>
    private static DateOnly? Nearest(DateOnly? date, DateOnly today)
    {
        if (date is not { } d) return null;
        return new[] { today.Year - 1, today.Year, today.Year + 1 }
            .Select(y => new DateOnly(y, d.Month, Math.Min(d.Day, DateTime.DaysInMonth(y, d.Month))))
            .MinBy(x => Math.Abs(x.DayNumber - today.DayNumber));
    }

    /// <summary>"today", "tomorrow", "Friday" within the week either side, otherwise "4 Dec".</summary>
    public static string Day(DateTime local, DateOnly today) => Day(DateOnly.FromDateTime(local), today);

    public static string Day(DateOnly date, DateOnly today) => (date.DayNumber - today.DayNumber) switch
    {
        0 => "today",
        1 => "tomorrow",
        -1 => "yesterday",
        > 1 and < 7 => date.DayOfWeek.ToString(),
        < -1 and > -7 => $"last {date.DayOfWeek}",
        _ => date.ToString("d MMM", Invariant),
    };

    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
}
