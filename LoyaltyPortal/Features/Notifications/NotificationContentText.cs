namespace LoyaltyPortal.Features.Notifications;

/// <summary>What members are told in notifications and their emails (NotificationContentText.resx and its languages).</summary>
public sealed class NotificationContentText;
