using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using Microsoft.AspNetCore.Identity;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// Account emails (confirmation, password reset, email change) through the portal's one <see cref="IEmailSender"/>.
/// Links arrive unencoded, built by <see cref="Hosting.PublicLinks"/>; they are encoded here, once. An address that
/// has had its share this hour (<see cref="AccountEmailThrottle"/>) gets nothing, and the page says the same either way.
/// </summary>
internal sealed class AccountEmailSender(IEmailSender email, AccountEmailThrottle throttle, ILogger<AccountEmailSender> logger)
    : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string address, string confirmationLink) =>
        SendAsync(user, address, "Confirm your email", $"<p>Please confirm your email address by <a href='{WebUtility.HtmlEncode(confirmationLink)}'>clicking here</a>.</p>");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string address, string resetLink) =>
        SendAsync(user, address, "Reset your password", $"<p>Please reset your password by <a href='{WebUtility.HtmlEncode(resetLink)}'>clicking here</a>.</p>");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string address, string resetCode) =>
        SendAsync(user, address, "Reset your password", $"<p>Please reset your password using the following code: {WebUtility.HtmlEncode(resetCode)}</p>");

    private Task SendAsync(ApplicationUser user, string address, string subject, string body)
    {
        if (throttle.TryAcquire(address)) return email.SendAsync(new EmailMessage(address, subject, body));
        logger.LogWarning("Not sending '{Subject}' for user {UserId}: too many account emails to that address this hour", subject, user.Id);
        return Task.CompletedTask;
    }
}
