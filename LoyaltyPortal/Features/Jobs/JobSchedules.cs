using System.Globalization;
using Cronos;
using LoyaltyPortal.Data;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Jobs;

/// <summary>
/// When the nightly jobs run (section <c>Jobs</c>): cron expressions read in the programme's time zone, either five
/// fields ("0 3 * * *": minute, hour, day, month, weekday) or six with seconds first. An operator moves them to the
/// programme's quiet hours, or runs them more often on a small programme; runs must be at least
/// <see cref="JobSchedules.MinimumGap"/> apart.
/// </summary>
public sealed class JobScheduleOptions
{
    public const string Section = "Jobs";

    /// <summary>Recompute every standing and award achievements met in history: 03:00 every night.</summary>
    public string Standings { get; set; } = "0 3 * * *";

    /// <summary>Work out the members at risk again: 04:00 every night, after the standings.</summary>
    public string AtRisk { get; set; } = "0 4 * * *";

    /// <summary>Delete card views and till API calls past the audit retention period: 04:30 every night.</summary>
    public string AuditRetention { get; set; } = "30 4 * * *";
}

/// <summary>
/// The nightly jobs' schedules, read when the workers start: a schedule that can't be read stops the app with the reason.
/// </summary>
public sealed class JobSchedules
{
    /// <summary>Keeps a mistyped schedule ("every second") from running a whole-programme job back to back.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(10);

    public JobSchedules(IOptions<JobScheduleOptions> options, IOptions<ProgrammeOptions> programme, TimeProvider clock)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(programme.Value.TimeZone);
        var now = clock.GetUtcNow().UtcDateTime;
        Standings = Parse($"{JobScheduleOptions.Section}:{nameof(JobScheduleOptions.Standings)}", options.Value.Standings, zone, now);
        AtRisk = Parse($"{JobScheduleOptions.Section}:{nameof(JobScheduleOptions.AtRisk)}", options.Value.AtRisk, zone, now);
        AuditRetention = Parse($"{JobScheduleOptions.Section}:{nameof(JobScheduleOptions.AuditRetention)}", options.Value.AuditRetention, zone, now);
    }

    public JobSchedule Standings { get; }

    public JobSchedule AtRisk { get; }

    public JobSchedule AuditRetention { get; }

    private static JobSchedule Parse(string key, string expression, TimeZoneInfo zone, DateTime now)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        if (fields is not (5 or 6) || !CronExpression.TryParse(expression, format, out var cron))
        {
            throw new InvalidOperationException(
                $"{key} \"{expression}\" is not a cron expression of 5 fields (\"0 3 * * *\") or 6 with seconds first.");
        }
        var schedule = new JobSchedule(expression, cron, zone);
        if (schedule.NextAfter(now) is null) throw new InvalidOperationException($"{key} \"{expression}\" never runs.");
        DateTime? previous = null;
        foreach (var run in cron.GetOccurrences(now, now.AddDays(1), zone))
        {
            if (run - previous < MinimumGap)
            {
                throw new InvalidOperationException($"{key} \"{expression}\" runs more often than every {MinimumGap.TotalSeconds:0} seconds.");
            }
            previous = run;
        }
        return schedule;
    }
}

/// <summary>One job's schedule: the same instants on every instance, so each run is one slot that one instance takes.</summary>
public sealed class JobSchedule(string expression, CronExpression cron, TimeZoneInfo zone)
{
    /// <summary>A long wait is taken a day at a time: timers refuse waits of more than about 49 days.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    public string Expression => expression;

    /// <summary>The first run after <paramref name="utc"/> (never at it), as UTC; null when the schedule has no more runs.</summary>
    public DateTime? NextAfter(DateTime utc) => cron.GetNextOccurrence(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public string ZoneId => zone.Id;

    /// <summary>The time of day a daily schedule runs at; null for any other schedule.</summary>
    public TimeOnly? DailyAt
    {
        get
        {
            var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts is [var minute, var hour, "*", "*", "*"] && int.TryParse(minute, CultureInfo.InvariantCulture, out var m)
                && int.TryParse(hour, CultureInfo.InvariantCulture, out var h) && m is >= 0 and < 60 && h is >= 0 and < 24
                ? new TimeOnly(h, m)
                : null;
        }
    }

    /// <summary>"Nightly at 03:00" for a daily time; otherwise the expression, as the operator wrote it (for logs; the page reads it through <see cref="JobWords"/>).</summary>
    public string Describe() => DailyAt is { } at
        ? $"Nightly at {at.ToString("HH:mm", CultureInfo.InvariantCulture)}"
        : $"On the schedule \"{expression}\" ({zone.Id})";

    /// <summary>
    /// Waits for the next run or for <paramref name="requested"/>, whichever comes first: the run's slot (the same on
    /// every instance), or null when someone asked for a run.
    /// </summary>
    public async Task<DateTime?> WaitAsync(Task requested, TimeProvider clock, CancellationToken ct)
    {
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = NextAfter(now);
            var wait = next is { } at && at - now < LongestWait ? at - now : LongestWait;
            using var untilDue = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var due = Task.Delay(wait, clock, untilDue.Token);
            await Task.WhenAny(due, requested);
            ct.ThrowIfCancellationRequested();
            await untilDue.CancelAsync();
            if (!due.IsCompletedSuccessfully) return null;
            // A timer may fire a hair early or a long wait end short of the run: look again.
            if (next is { } slot && clock.GetUtcNow().UtcDateTime >= slot) return slot;
        }
    }
}
