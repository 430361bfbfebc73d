using System.Globalization;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>An upcoming event at the store that speaks to one of the member's interests and still has seats.</summary>
public sealed record EventInvite(string Title, DateTime StartsAtLocal, string Interest, int SeatsLeft);

/// <summary>What the card knows about the member, in programme-local dates, for choosing cues and the gesture.</summary>
public sealed record GestureFacts(
    string PreferredName, DateTime NowLocal, DateOnly? Birthday, DateTime JoinedLocal, DateTime? LastVisitLocal, bool HasInterests,
    TierProgress Tier, IReadOnlyList<CardBooking> TodaysBookings, IReadOnlyList<CardTrial> Trials, Func<DateTime, DateTime> ToLocal, EventInvite? Invite);

/// <summary>A cue worth a word on the card ("Birthday tomorrow"); whether it is about a birthday, and whether it is today.</summary>
public sealed record CardCue(string Text, bool IsBirthday, bool IsToday);

/// <summary>
/// Picks the one gesture worth making now, most time-critical first: something staff must do today beats a
/// nice-to-have. Pure, so every rule is testable with a fixed date.
/// </summary>
public static class CardGestures
{
    public const int NearDays = 3;
    public const int AbsentDays = 60;
    public const int NewMemberDays = 14;

    public static SuggestedGesture? Choose(GestureFacts f, IStringLocalizer<RecognitionText> text)
    {
        var today = DateOnly.FromDateTime(f.NowLocal);
        var first = FirstName(f.PreferredName);

        var overdue = f.Trials.Where(t => t.IsOverdue && t.DueAt is not null).OrderBy(t => t.DueAt).FirstOrDefault();
        if (overdue is not null)
        {
            return new(text["Trial was due back {0}: ask how the {1} is going and whether {2} will keep it", Day(f.ToLocal(overdue.DueAt!.Value), today, text), overdue.Product, first],
                Icons.Material.Filled.AssignmentLate);
        }

        var toCheckIn = f.TodaysBookings.Where(b => b.CanCheckIn).OrderBy(b => b.StartsAt).FirstOrDefault();
        if (toCheckIn is not null)
        {
            return new(text["Check {0} in to {1} ({2})", first, toCheckIn.Title, Time(f.ToLocal(toCheckIn.StartsAt))], Icons.Material.Filled.HowToReg);
        }

        if (NextBirthday(f.Birthday, today) is { } birthday && birthday == today)
        {
            return new(text["It's {0}'s birthday today: wish them a happy birthday", first], Icons.Material.Filled.Cake);
        }

        var dueSoon = f.Trials.Where(t => t.Status == BookingStatus.HandedOut && t.DueAt is not null && !t.IsOverdue)
            .Where(t => DateOnly.FromDateTime(f.ToLocal(t.DueAt!.Value)).DayNumber - today.DayNumber <= NearDays)
            .OrderBy(t => t.DueAt).FirstOrDefault();
        if (dueSoon is not null)
        {
            return new(text["Trial due back {0}: ask how the {1} feels", Day(f.ToLocal(dueSoon.DueAt!.Value), today, text), dueSoon.Product], Icons.Material.Filled.Science);
        }

        if (f.Invite is { } invite)
        {
            var seats = invite.SeatsLeft == 1 ? text["1 seat left"] : text["{0} seats left", invite.SeatsLeft];
            return new(text["Invite to {0} ({1} {2}): matches ‘{3}’, {4}", invite.Title, Day(invite.StartsAtLocal, today, text), Time(invite.StartsAtLocal), invite.Interest, seats],
                Icons.Material.Filled.Event);
        }

        var waiting = f.Trials.FirstOrDefault(t => t.Status == BookingStatus.Confirmed);
        if (waiting is not null)
        {
            return new(text["{0}'s {1} trial is waiting: hand it out today", first, waiting.Product], Icons.Material.Filled.Inventory2);
        }

        foreach (var cue in Cues(f, text))
        {
            return new(cue.IsToday ? text["{0}: congratulate {1}", cue.Text, first] : text["{0}: mention it", cue.Text], Icons.Material.Filled.Celebration);
        }

        if (f.Tier is { Next: { } next, VisitsToGo: { } visits and > 0 and <= 2 })
        {
            return new(visits == 1
                ? text["1 visit to {0}: let {1} know how close they are", next.Name, first]
                : text["{0} visits to {1}: let {2} know how close they are", visits, next.Name, first], Icons.Material.Filled.TrendingUp);
        }

        if (f.Tier is { LapseWarning: true, DropsAt: { } drops })
        {
            return new(text["{0} lapses {1} unless {2} earns {3} more points: invite them to something", f.Tier.Held.Name, Day(f.ToLocal(drops), today, text), first, f.Tier.PointsToKeep],
                Icons.Material.Filled.HourglassBottom);
        }

        if (f.LastVisitLocal is { } last && today.DayNumber - DateOnly.FromDateTime(last).DayNumber >= AbsentDays)
        {
            return new(text["First visit in {0} days: welcome {1} back", today.DayNumber - DateOnly.FromDateTime(last).DayNumber, first], Icons.Material.Filled.WavingHand);
        }

        if (!f.HasInterests)
        {
            return new(text["Ask what matters to {0}: no interests recorded yet", first], Icons.Material.Filled.Forum);
        }
        return null;
    }

    /// <summary>Birthday and anniversary cues within a few days either side, and a new member's first fortnight.</summary>
    public static IReadOnlyList<CardCue> Cues(GestureFacts f, IStringLocalizer<RecognitionText> text)
    {
        var today = DateOnly.FromDateTime(f.NowLocal);
        var cues = new List<CardCue>();
        if (Nearest(f.Birthday, today) is { } birthday && Math.Abs(birthday.DayNumber - today.DayNumber) <= NearDays)
        {
            var day = Day(birthday, today, text);
            cues.Add(new(birthday == today ? text["Birthday today"] : birthday > today ? text["Birthday {0}", day] : text["Birthday was {0}", day], true, birthday == today));
        }

        var joined = DateOnly.FromDateTime(f.JoinedLocal);
        var anniversary = Nearest(joined, today);
        if (anniversary is { } date && date.Year > joined.Year && Math.Abs(date.DayNumber - today.DayNumber) <= NearDays)
        {
            var years = date.Year - joined.Year;
            var day = Day(date, today, text);
            var cue = (years == 1, date.CompareTo(today)) switch
            {
                (true, 0) => text["1 year with us today"],
                (true, > 0) => text["1 year with us {0}", day],
                (true, _) => text["1 year with us since {0}", day],
                (false, 0) => text["{0} years with us today", years],
                (false, > 0) => text["{0} years with us {1}", years, day],
                _ => text["{0} years with us since {1}", years, day],
            };
            cues.Add(new(cue, false, date == today));
        }

        var daysIn = today.DayNumber - joined.DayNumber;
        if (daysIn is >= 0 and < NewMemberDays)
        {
            cues.Add(new(daysIn == 0 ? text["Joined today"] : daysIn == 1 ? text["Joined yesterday"] : text["Joined {0} days ago", daysIn], false, daysIn == 0));
        }
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

    /// <summary>"today", "tomorrow", "Friday" within the week either side, otherwise "4 Dec", in the reader's language.</summary>
    public static string Day(DateTime local, DateOnly today, IStringLocalizer<RecognitionText> text) => Day(DateOnly.FromDateTime(local), today, text);

    public static string Day(DateOnly date, DateOnly today, IStringLocalizer<RecognitionText> text) => (date.DayNumber - today.DayNumber) switch
    {
        0 => text["today"],
        1 => text["tomorrow"],
        -1 => text["yesterday"],
        > 1 and < 7 => date.ToString("dddd", CultureInfo.CurrentCulture),
        < -1 and > -7 => text["last {0}", date.ToString("dddd", CultureInfo.CurrentCulture)],
        _ => ProgrammeCalendar.DayMonth(date),
    };

    private static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.CurrentCulture);

    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
}
