namespace LoyaltyPortal.Features.Notifications;

/// <summary>The texts of the notification bell and page (NotificationsText.resx and its languages).</summary>
public sealed class NotificationsText;
