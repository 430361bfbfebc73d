using System.Collections.Concurrent;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LoyaltyPortal.Tests.Features.Signals;

/// <summary>
/// Two instances' signals on one PostgreSQL database, without the web app: what one publishes after a commit reaches
/// the other's subscribers, nothing echoes back, and a listener that lost its connection comes back and says so.
/// </summary>
public sealed class CrossInstanceSignalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("abc|0|5|2")]
    [InlineData("other|9|5|2")]
    [InlineData("other|0|5|7")]
    [InlineData("other|0|-5|2")]
    [InlineData("other|0|5")]
    [InlineData("other|0|5|2|extra")]
    [InlineData("other|x|5|2")]
    [InlineData("")]
    public void MultiInstance_signal_ignores_its_own_and_malformed_payloads(string payload) =>
        Assert.Null(PostgresSignalTransport.Decode(payload, self: "abc"));

    [Fact]
    public void MultiInstance_signal_decodes_another_instances_member_change() =>
        Assert.Equal(SignalMessage.ForMember(5, MemberChange.Activity), PostgresSignalTransport.Decode("other|0|5|2", self: "abc"));

    [Fact]
    public async Task MultiInstance_member_change_on_one_instance_reaches_the_other_once_and_does_not_echo()
    {
        Assert.SkipWhen(TestDb.PostgresConnectionString is null, $"{TestDb.PostgresVariable} is not set.");
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Postgres);
        await using var a = await Instance.StartAsync(db);
        await using var b = await Instance.StartAsync(db);

        a.Events.Raise(42, MemberChange.Activity);

        Assert.Equal((42, MemberChange.Activity), await b.Changes.TakeAsync(Within));
        Assert.Equal((42, MemberChange.Activity), await a.Changes.TakeAsync(Within));
        await Task.Delay(500, Ct);
        Assert.True(a.Changes.IsEmpty && b.Changes.IsEmpty, "A change arrived twice.");
    }

    [Fact]
    public async Task MultiInstance_a_booking_elsewhere_makes_this_instances_catalogue_load_again()
    {
        Assert.SkipWhen(TestDb.PostgresConnectionString is null, $"{TestDb.PostgresVariable} is not set.");
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Postgres);
        await using var a = await Instance.StartAsync(db);
        await using var b = await Instance.StartAsync(db);
        var first = await b.Catalogue.GetAsync(Ct);
        Assert.Same(first, await b.Catalogue.GetAsync(Ct));

        a.Catalogue.Invalidate();

        await Poll.UntilAsync(async () => !ReferenceEquals(first, await b.Catalogue.GetAsync(Ct)), Within);
    }

    [Fact]
    public async Task MultiInstance_listener_that_loses_its_connection_reconnects_and_tells_open_pages_to_refresh()
    {
        Assert.SkipWhen(TestDb.PostgresConnectionString is null, $"{TestDb.PostgresVariable} is not set.");
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Postgres);
        await using var a = await Instance.StartAsync(db);
        await using var b = await Instance.StartAsync(db);

        await using (var admin = new NpgsqlConnection(db.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()", admin);
            kill.Parameters.AddWithValue("name", PostgresSignalTransport.ListenerName);
            Assert.Equal(2L, await kill.ExecuteScalarAsync(Ct));
        }

        // Whatever was sent while it was away is lost, so each instance tells every open page to refresh.
        Assert.Equal((MemberEvents.Everyone, MemberChange.Notification), await b.Changes.TakeAsync(Within));
        await Poll.UntilAsync(() => Task.FromResult(a.Transport.IsListening && b.Transport.IsListening), Within);
        a.Events.Raise(7, MemberChange.Booking);
        // Refreshes for everyone (a reconnect, a catalogue reload) may still arrive first; the member's own change must follow.
        var change = await b.Changes.TakeAsync(Within);
        while (change.Item1 == MemberEvents.Everyone) change = await b.Changes.TakeAsync(Within);
        Assert.Equal((7, MemberChange.Booking), change);
    }

    /// <summary>One app instance's share of the signal: its own transport, member events and catalogue.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private Instance(PostgresSignalTransport transport, MemberEvents events, BenefitCatalogue catalogue)
        {
            Transport = transport;
            Events = events;
            Catalogue = catalogue;
            events.Changed += (id, change) => Changes.Add((id, change));
        }

        public PostgresSignalTransport Transport { get; }
        public MemberEvents Events { get; }
        public BenefitCatalogue Catalogue { get; }
        public Inbox<(int, MemberChange)> Changes { get; } = new();

        public static async Task<Instance> StartAsync(TestDb db)
        {
            var signal = new PortalSignal();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = db.ConnectionString }).Build();
            var transport = new PostgresSignalTransport(signal, configuration, TimeProvider.System, NullLogger<PostgresSignalTransport>.Instance);
            var instance = new Instance(transport, new MemberEvents(signal),
                new BenefitCatalogue(db.Factory, db.Services.GetRequiredService<ProgrammeCalendar>(), signal, CacheOfItsOwn()));
            await transport.StartAsync(CancellationToken.None);
            await Poll.UntilAsync(() => Task.FromResult(transport.IsListening), Within);
            return instance;
        }

        /// <summary>Each instance has its own memory, so its own cache.</summary>
        private static HybridCache CacheOfItsOwn() =>
            new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();

        public async ValueTask DisposeAsync()
        {
            await Transport.StopAsync(CancellationToken.None);
            Transport.Dispose();
            Catalogue.Dispose();
        }
    }

    private static class Poll
    {
        public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within)
        {
            var deadline = DateTime.UtcNow + within;
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not true within {within}.");
                await Task.Delay(50);
            }
        }
    }

    /// <summary>What a subscriber received, in order, to wait on.</summary>
    private sealed class Inbox<T>
    {
        private readonly BlockingCollection<T> items = new();

        public bool IsEmpty => items.Count == 0;

        public void Add(T item) => items.Add(item);

        public Task<T> TakeAsync(TimeSpan within) => Task.Run(() =>
            items.TryTake(out var item, within) ? item : throw new TimeoutException($"Nothing arrived within {within}."));
    }
}
