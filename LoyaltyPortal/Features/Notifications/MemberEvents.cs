using LoyaltyPortal.Features.Signals;

namespace LoyaltyPortal.Features.Notifications;

public enum MemberChange
{
    Notification,
    Booking,
    Activity,
}

/// <summary>
/// Signal that something about a member changed, so their open pages refresh over the circuit without polling, on
/// whichever instance they are open (through <see cref="PortalSignal"/>). Raise it only after the change is committed.
/// </summary>
public sealed class MemberEvents
{
    /// <summary>The member id of a change that concerns everyone: changes from other instances may have been missed.</summary>
    public const int Everyone = 0;

    private readonly PortalSignal signal;

    /// <summary>In-process only, for tests and tools.</summary>
    public MemberEvents() : this(new PortalSignal())
    {
    }

    public MemberEvents(PortalSignal signal)
    {
        this.signal = signal;
        signal.Received += OnSignal;
    }

    public event Action<int, MemberChange>? Changed;

    public void Raise(int memberId, MemberChange change) => signal.Publish(SignalMessage.ForMember(memberId, change));

    /// <summary>Whether a change to <paramref name="changedMemberId"/> concerns a page showing <paramref name="memberId"/>.</summary>
    public static bool Concerns(int changedMemberId, int? memberId) =>
        memberId > 0 && (changedMemberId == Everyone || changedMemberId == memberId);

    private void OnSignal(SignalMessage message)
    {
        if (message.Kind == SignalKind.Member)
        {
            Changed?.Invoke(message.MemberId, message.Change);
        }
        else if (message.Kind == SignalKind.Reset)
        {
            foreach (var change in Enum.GetValues<MemberChange>()) Changed?.Invoke(Everyone, change);
        }
    }
}
