using System.Net;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// Writes account emails (confirmation, password reset) as HTML files into the data folder's
/// <c>mail</c> directory, so they can be opened locally without an SMTP server.
/// </summary>
internal sealed class MailDropEmailSender(IOptions<DatabaseOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<MailDropEmailSender> logger)
    : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        WriteAsync(email, "Confirm your email", $"Please confirm your account by <a href='{confirmationLink}'>clicking here</a>.");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        WriteAsync(email, "Reset your password", $"Please reset your password by <a href='{resetLink}'>clicking here</a>.");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        WriteAsync(email, "Reset your password", $"Please reset your password using the following code: {WebUtility.HtmlEncode(resetCode)}");

    private async Task WriteAsync(string to, string subject, string htmlBody)
    {
        var folder = Path.Combine(options.Value.ResolveDataFolder(environment.ContentRootPath), "mail");
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var file = Path.Combine(folder, $"{now:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.html");
        var html = $"<!doctype html><meta charset=utf-8><title>{WebUtility.HtmlEncode(subject)}</title>" +
                   $"<p>To: {WebUtility.HtmlEncode(to)}<br>Date: {now:R}<br>Subject: {WebUtility.HtmlEncode(subject)}</p><hr>{htmlBody}";
        await File.WriteAllTextAsync(file, html);
        logger.LogInformation("Email '{Subject}' to {To} written to {File}", subject, to, file);
    }
}
