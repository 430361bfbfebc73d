using System.Globalization;
using LoyaltyPortal.Features.Notifications;
using Npgsql;

namespace LoyaltyPortal.Features.Signals;

/// <summary>
/// Carries <see cref="PortalSignal"/> messages between app instances on one PostgreSQL database with LISTEN/NOTIFY: no
/// extra infrastructure. One dedicated connection listens; sends go through the pool. A dropped listener reconnects
/// with back-off, and because NOTIFY is not queued for a listener that was away, a reconnect delivers
/// <see cref="SignalKind.Reset"/> so caches reload and open pages refresh.
/// </summary>
public sealed class PostgresSignalTransport : BackgroundService
{
    public const string Channel = "loyalty_signal";
    public const string ListenerName = "loyalty-signal-listener";
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly PortalSignal signal;
    private readonly TimeProvider clock;
    private readonly ILogger<PostgresSignalTransport> logger;
    private readonly NpgsqlDataSource sender;
    private readonly string listenConnectionString;
    // Each instance skips its own messages: they were delivered locally when published.
    private readonly string instance = Guid.NewGuid().ToString("N")[..12];
    private volatile bool listening;

    public PostgresSignalTransport(PortalSignal signal, IConfiguration configuration, TimeProvider clock, ILogger<PostgresSignalTransport> logger)
    {
        this.signal = signal;
        this.clock = clock;
        this.logger = logger;
        var connectionString = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is required for the cross-instance signal.");
        sender = NpgsqlDataSource.Create(connectionString);
        // Keepalives make a silently dead listener connection fail within seconds instead of waiting forever.
        listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5, ApplicationName = ListenerName }.ConnectionString;
    }

    /// <summary>True while the listener connection is open and listening (part of readiness).</summary>
    public bool IsListening => listening;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        signal.CrossInstance = true;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sending = SendAsync(stoppingToken);
        await ListenAsync(stoppingToken);
        await sending;
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var delay = TimeSpan.FromSeconds(1);
        var connectedBefore = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listenConnectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stop);
                listening = true;
                delay = TimeSpan.FromSeconds(1);
                if (connectedBefore)
                {
                    logger.LogInformation("The signal listener is back; treating everything as changed.");
                    signal.Deliver(SignalMessage.ResetAll);
                }
                connectedBefore = true;
                while (true) await connection.WaitAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                listening = false;
                logger.LogWarning(e, "The signal listener lost PostgreSQL; reconnecting in {Delay}.", delay);
                try
                {
                    await Task.Delay(delay, clock, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }
        listening = false;
    }

    private async Task SendAsync(CancellationToken stop)
    {
        try
        {
            while (await signal.Outgoing.WaitToReadAsync(stop))
            {
                try
                {
                    await using var connection = await sender.OpenConnectionAsync(stop);
                    // Send what has queued up on one connection.
                    while (signal.Outgoing.TryRead(out var message))
                    {
                        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                        notify.Parameters.AddWithValue("channel", Channel);
                        notify.Parameters.AddWithValue("payload", Encode(message));
                        await notify.ExecuteNonQueryAsync(stop);
                    }
                }
                catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
                {
                    // The other instances lose their listeners too while the database is away, and reset when it is back.
                    logger.LogWarning(e, "Could not send a signal to the other instances.");
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private string Encode(SignalMessage message) =>
        string.Create(CultureInfo.InvariantCulture, $"{instance}|{(int)message.Kind}|{message.MemberId}|{(int)message.Change}");

    private void Receive(string payload)
    {
        if (Decode(payload, instance) is { } message) signal.Deliver(message);
    }

    /// <summary>The message in a payload from another instance; null for our own, or for anything malformed.</summary>
    internal static SignalMessage? Decode(string payload, string self)
    {
        var parts = payload.Split('|');
        if (parts.Length != 4 || parts[0] == self) return null;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kind) || !Enum.IsDefined((SignalKind)kind)) return null;
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var memberId)) return null;
        if (!int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var change) || !Enum.IsDefined((MemberChange)change)) return null;
        return new SignalMessage((SignalKind)kind, memberId, (MemberChange)change);
    }

    public override void Dispose()
    {
        sender.Dispose();
        base.Dispose();
    }
}
