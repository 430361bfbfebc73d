using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// Account emails (confirmation, password reset, email change) through the portal's one <see cref="IEmailSender"/>.
/// Links arrive unencoded, built by <see cref="Hosting.PublicLinks"/>; they are encoded here, once. An address that
/// has had its share this hour (<see cref="AccountEmailThrottle"/>) gets nothing, and the page says the same either way.
/// </summary>
/// <remarks>
/// The texts are in the current UI language. That is the recipient's: every account email goes to the person who is
/// doing something on an account page at that moment (joining, resetting their password, changing their address), so
/// the page's language is theirs. An email sent on someone else's behalf would have to use the recipient's stored
/// language instead.
/// </remarks>
internal sealed class AccountEmailSender(
    IEmailSender email, AccountEmailThrottle throttle, IStringLocalizer<AccountText> text, ILogger<AccountEmailSender> logger)
    : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string address, string confirmationLink) =>
        SendAsync(user, address, text["Confirm your email"],
            Paragraph(text["Please confirm your email address for your LoyaltyPortal account."])
            + Link(confirmationLink, text["Confirm my email address"])
            + Paragraph(text["If you didn't ask for this, you can ignore this email."]));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string address, string resetLink) =>
        SendAsync(user, address, text["Reset your password"],
            Paragraph(text["Someone asked to reset the password of your LoyaltyPortal account."])
            + Link(resetLink, text["Choose a new password"])
            + Paragraph(text["If you didn't ask for this, you can ignore this email: your password stays as it is."]));

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string address, string resetCode) =>
        SendAsync(user, address, text["Reset your password"], Paragraph(text["Use this code to reset your password:"])
            + $"<p><strong>{WebUtility.HtmlEncode(resetCode)}</strong></p>"
            + Paragraph(text["If you didn't ask for this, you can ignore this email: your password stays as it is."]));

    private static string Paragraph(string words) => $"<p>{WebUtility.HtmlEncode(words)}</p>";

    private static string Link(string href, string words) =>
        $"<p><a href='{WebUtility.HtmlEncode(href)}'>{WebUtility.HtmlEncode(words)}</a></p>";

    private Task SendAsync(ApplicationUser user, string address, string subject, string body)
    {
        if (throttle.TryAcquire(address)) return email.SendAsync(new EmailMessage(address, subject, body));
        logger.LogWarning("Not sending '{Subject}' for user {UserId}: too many account emails to that address this hour", subject, user.Id);
        return Task.CompletedTask;
    }
}
