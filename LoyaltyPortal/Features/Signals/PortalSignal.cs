using System.Threading.Channels;
using LoyaltyPortal.Features.Notifications;

namespace LoyaltyPortal.Features.Signals;

public enum SignalKind
{
    /// <summary>Something about one member changed: their open pages refresh.</summary>
    Member,

    /// <summary>The published catalogue changed (a booking, an edit): cached copies are stale.</summary>
    Catalogue,

    /// <summary>Messages from other instances may have been missed (the listener reconnected): assume anything changed.</summary>
    Reset,
}

/// <summary>One "something changed" message. Small on purpose: PostgreSQL's NOTIFY payload is limited to 8,000 bytes.</summary>
public sealed record SignalMessage(SignalKind Kind, int MemberId = 0, MemberChange Change = default)
{
    public static SignalMessage ForMember(int memberId, MemberChange change) => new(SignalKind.Member, memberId, change);
    public static readonly SignalMessage CatalogueChanged = new(SignalKind.Catalogue);
    public static readonly SignalMessage ResetAll = new(SignalKind.Reset);
}

/// <summary>
/// The one way a committed change tells open pages and caches about itself. Publish only after commit. A message is
/// delivered to this instance at once; with several instances (PostgreSQL) it also goes out through
/// <see cref="PostgresSignalTransport"/> and arrives at every other instance. With SQLite there is one instance and
/// nothing leaves the process.
/// </summary>
public sealed class PortalSignal(ILogger<PortalSignal>? logger = null)
{
    private readonly Channel<SignalMessage> outgoing = Channel.CreateBounded<SignalMessage>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public event Action<SignalMessage>? Received;

    /// <summary>Set by the cross-instance transport when it starts; until then nothing is queued to leave.</summary>
    internal bool CrossInstance { get; set; }

    internal ChannelReader<SignalMessage> Outgoing => outgoing.Reader;

    public void Publish(SignalMessage message)
    {
        Deliver(message);
        // A full queue (the database unreachable for a long time) drops the oldest; the reconnect's Reset covers them.
        if (CrossInstance) outgoing.Writer.TryWrite(message);
    }

    /// <summary>Hands a message to this instance's subscribers; one failing subscriber never keeps it from the others.</summary>
    internal void Deliver(SignalMessage message)
    {
        if (Received is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<SignalMessage>>())
        {
            try
            {
                handler(message);
            }
            catch (Exception e)
            {
                logger?.LogError(e, "A subscriber failed on signal {Kind}", message.Kind);
            }
        }
    }
}
