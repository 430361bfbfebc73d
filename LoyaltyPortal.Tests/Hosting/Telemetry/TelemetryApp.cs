using System.Diagnostics;
using Activity = System.Diagnostics.Activity;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.TillApi;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LoyaltyPortal.Tests.Hosting.Telemetry;

/// <summary>
/// The real app (no OTLP endpoint configured) with in-memory exporters added beside its own telemetry: every span it
/// ends, and its metrics whenever a test reads them. The service registrations are kept to look for exporters.
/// </summary>
public sealed class TelemetryApp : IAsyncLifetime
{
    private readonly PortalAppFactory portal = new();
    private readonly LockedList<MetricSnapshot> metrics = [];

    public LockedList<Activity> Spans { get; } = [];
    public IReadOnlyList<ServiceDescriptor> Registrations { get; private set; } = [];
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public IServiceProvider Services => Factory.Services;

    public ValueTask InitializeAsync()
    {
        Factory = portal.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            Registrations = services.ToList();
            // The app samples spans off while it has no exporter; with one, as here, every span is kept.
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        }));
        _ = Factory.Server; // starts the host: migrates and seeds before the first test
        return ValueTask.CompletedTask;
    }

    /// <summary>The latest total of a counter (or up-down counter) over the points whose tags include <paramref name="tags"/>.</summary>
    public long Sum(string metric, params (string Key, string Value)[] tags) => Points(metric, tags).Sum(p => p.GetSumLong());

    /// <summary>How many measurements a histogram holds over the points whose tags include <paramref name="tags"/>.</summary>
    public long Count(string metric, params (string Key, string Value)[] tags) => Points(metric, tags).Sum(p => p.GetHistogramCount());

    private List<MetricPoint> Points(string metric, (string Key, string Value)[] tags)
    {
        Assert.True(Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "The metrics did not flush.");
        // Cumulative, so the last export holds the totals; an instrument nothing was recorded to is not exported.
        var latest = metrics.Snapshot().LastOrDefault(m => m.Name == metric);
        if (latest is null) return [];
        return latest.MetricPoints.Where(p => tags.All(t => HasTag(p, t.Key, t.Value))).ToList();
    }

    private static bool HasTag(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value, value)) return true;
        }
        return false;
    }

    /// <summary>Waits for a span: the server ends a request's span just after the client has its response.</summary>
    public async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (Spans.Snapshot().FirstOrDefault(match) is { } span) return span;
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "No such span was exported.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A till API key for the demo Covent Garden store, made by the demo manager.</summary>
    public async Task<string> NewTillKeyAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContextAsync();
        var manager = await db.Users.Where(u => u.Email == DemoAccounts.Manager.Email).Select(u => u.Id).SingleAsync();
        var storeId = await db.Stores.Where(s => s.Name == "Covent Garden").Select(s => s.Id).SingleAsync();
        var caller = new Caller(manager, "Maya Patel", new HashSet<string> { Roles.Manager }, storeId);
        var created = await Services.GetRequiredService<ApiKeyService>()
            .CreateAsync(caller, new NewApiKeyInput { Name = "Telemetry till", StoreId = storeId }, TestContext.Current.CancellationToken);
        Assert.True(created.Succeeded, created.Message);
        return created.Key!;
    }

    public async ValueTask DisposeAsync() => await portal.DisposeAsync(); // and the factory made from it
}

/// <summary>
/// The telemetry tests run alone: OpenTelemetry listens to activity sources and meters by name across the process,
/// so another test's app or database running beside them would add its spans and counts to theirs (and a meter of
/// the same name disposed meanwhile restarts the totals).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryApp>
{
    public const string Name = "Telemetry";
}

/// <summary>Telemetry tests with hosts of their own, alone for the same reason, and apart from <see cref="TelemetryApp"/>.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryOwnHostsCollection
{
    public const string Name = "Telemetry, own hosts";
}

/// <summary>A collection the exporters can add to while a test reads it.</summary>
public sealed class LockedList<T> : ICollection<T>
{
    private readonly List<T> items = [];

    public int Count { get { lock (items) return items.Count; } }
    public bool IsReadOnly => false;

    public void Add(T item) { lock (items) items.Add(item); }
    public void Clear() { lock (items) items.Clear(); }
    public bool Contains(T item) { lock (items) return items.Contains(item); }
    public void CopyTo(T[] array, int arrayIndex) { lock (items) items.CopyTo(array, arrayIndex); }
    public bool Remove(T item) { lock (items) return items.Remove(item); }
    public T[] Snapshot() { lock (items) return [.. items]; }
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
