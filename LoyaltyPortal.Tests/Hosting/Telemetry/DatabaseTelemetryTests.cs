using System.Diagnostics;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Hosting.Telemetry;
using LoyaltyPortal.Tests.Features.Benefits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Activity = System.Diagnostics.Activity;

namespace LoyaltyPortal.Tests.Hosting.Telemetry;

/// <summary>The app's telemetry over each database: commands traced once, bookings counted.</summary>
[Collection(TelemetryOwnHostsCollection.Name)]
public sealed class DatabaseTelemetryTests
{
    private static readonly ActivitySource Operations = new("LoyaltyPortal.Tests.Telemetry");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Telemetry_database_commands_are_traced_once_under_the_operation_that_ran_them(DatabaseProvider provider)
    {
        var spans = new LockedList<Activity>();
        var services = new ServiceCollection().AddLogging().AddPortalTelemetry(new ConfigurationBuilder().Build())
            .ConfigureOpenTelemetryTracerProvider(tracing =>
                tracing.AddSource(Operations.Name).SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans));
        await using var telemetry = services.BuildServiceProvider();
        // Started before the database is first used, as in the app: EF Core caches for a moment whether anyone listens.
        _ = telemetry.GetRequiredService<TracerProvider>();
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam", storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Rae Visit");

        using (var operation = Operations.StartActivity("record visit"))
        {
            Assert.NotNull(operation);
            Assert.True((await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct)).Succeeded);
        }

        var root = Assert.Single(spans.Snapshot(), s => s.Source == Operations);
        var commands = spans.Snapshot().Where(s => s.TraceId == root.TraceId && s != root).ToList();
        // SQLite has no tracing of its own, so EF Core's spans stand for it; PostgreSQL has Npgsql's and EF's are dropped.
        var expected = provider == DatabaseProvider.Postgres ? "Npgsql" : "OpenTelemetry.Instrumentation.EntityFrameworkCore";
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.Equal((expected, root.SpanId), (c.Source.Name, c.ParentSpanId)));
        Assert.Contains(commands, c => QueryText(c).Contains("INSERT INTO \"Activities\"", StringComparison.Ordinal));
    }

    [Theory, AllProviders]
    public async Task Telemetry_bookings_made_counts_confirmed_and_waitlisted_bookings(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 1);
        var first = (await db.AddMemberAsync("First")).Caller!;
        var second = (await db.AddMemberAsync("Second")).Caller!;
        var exported = new LockedList<MetricSnapshot>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(PortalMetrics.MeterName).AddInMemoryExporter(exported).Build();
        var bookings = db.Get<BookingService>();

        await bookings.BookAsync(first, benefit.Id, new(), Ct);
        await bookings.BookAsync(second, benefit.Id, new(), Ct);
        await bookings.BookAsync(second, benefit.Id, new(), Ct); // already booked: not a new booking

        Assert.True(meters.ForceFlush(10_000));
        var made = exported.Snapshot().Last(m => m.Name == "loyalty.bookings.made").MetricPoints
            .ToDictionary(p => (Tag(p, "loyalty.benefit.kind"), Tag(p, "loyalty.booking.status")), p => p.GetSumLong());
        Assert.Equal(new Dictionary<(string?, string?), long> { [("event", "confirmed")] = 1, [("event", "waitlisted")] = 1 }, made);
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key) return tag.Value as string;
        }
        return null;
    }

    private static string QueryText(Activity span) => (span.GetTagItem("db.query.text") ?? span.GetTagItem("db.statement")) as string ?? "";
}
