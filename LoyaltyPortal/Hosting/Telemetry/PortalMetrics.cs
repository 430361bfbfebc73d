using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Jobs;

namespace LoyaltyPortal.Hosting.Telemetry;

/// <summary>
/// The portal's own meter, <c>LoyaltyPortal</c>: what the programme does (visits, bookings), how many pages are open
/// and how long background jobs take. Created through <see cref="IMeterFactory"/> so each host (and each test) has its own.
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "LoyaltyPortal";

    // Jobs take from milliseconds (a slot that already ran) to many minutes (the nightly standings).
    private static readonly double[] JobDurationBuckets = [0.01, 0.05, 0.25, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

    private readonly Counter<long> visits;
    private readonly Counter<long> bookings;
    private readonly UpDownCounter<long> circuits;
    private readonly Histogram<double> jobDuration;

    public PortalMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        visits = meter.CreateCounter<long>("loyalty.visits.recorded", "{visit}",
            "Member visits added to the ledger (at the counter or through the till API), counted once committed.");
        bookings = meter.CreateCounter<long>("loyalty.bookings.made", "{booking}", "Bookings made by members, confirmed or waitlisted.");
        circuits = meter.CreateUpDownCounter<long>("loyalty.circuits.open", "{circuit}",
            "Interactive pages (Blazor circuits) held by this instance.");
        jobDuration = meter.CreateHistogram("loyalty.job.duration", "s", "How long a background job took on this instance, by job and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobDurationBuckets });
    }

    public void VisitsRecorded(int count)
    {
        if (count > 0) visits.Add(count);
    }

    public void BookingMade(BenefitKind kind, BookingStatus status) =>
        bookings.Add(1, new TagList { { "loyalty.benefit.kind", TagValue(kind) }, { "loyalty.booking.status", TagValue(status) } });

    public void CircuitOpened() => circuits.Add(1);

    public void CircuitClosed() => circuits.Add(-1);

    public void JobFinished(string job, JobOutcome outcome, TimeSpan elapsed) =>
        jobDuration.Record(elapsed.TotalSeconds, new TagList { { "loyalty.job.name", job }, { "loyalty.job.outcome", TagValue(outcome) } });

    /// <summary>Attribute values in OpenTelemetry's snake_case: <c>running_elsewhere</c>, <c>waitlisted</c>.</summary>
    private static string TagValue<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
