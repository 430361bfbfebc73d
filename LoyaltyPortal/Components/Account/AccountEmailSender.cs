using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using Microsoft.AspNetCore.Identity;

namespace LoyaltyPortal.Components.Account;

/// <summary>Account emails (confirmation, password reset) through the portal's one <see cref="IEmailSender"/>.</summary>
internal sealed class AccountEmailSender(IEmailSender email) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string address, string confirmationLink) =>
        email.SendAsync(new EmailMessage(address, "Confirm your email", $"<p>Please confirm your account by <a href='{WebUtility.HtmlEncode(confirmationLink)}'>clicking here</a>.</p>"));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string address, string resetLink) =>
        email.SendAsync(new EmailMessage(address, "Reset your password", $"<p>Please reset your password by <a href='{WebUtility.HtmlEncode(resetLink)}'>clicking here</a>.</p>"));

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string address, string resetCode) =>
        email.SendAsync(new EmailMessage(address, "Reset your password", $"<p>Please reset your password using the following code: {WebUtility.HtmlEncode(resetCode)}</p>"));
}
