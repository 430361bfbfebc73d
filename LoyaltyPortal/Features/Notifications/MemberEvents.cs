namespace LoyaltyPortal.Features.Notifications;

public enum MemberChange
{
    Notification,
    Booking,
    Activity,
}

/// <summary>
/// In-process signal that something about a member changed, so their open pages refresh over the circuit
/// without polling. Raise it only after the change is committed.
/// </summary>
public sealed class MemberEvents
{
    public event Action<int, MemberChange>? Changed;

    public void Raise(int memberId, MemberChange change) => Changed?.Invoke(memberId, change);
}
