using System.Net;
using LoyaltyPortal.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LoyaltyPortal.Features.Notifications;

/// <summary>One email to one person. <see cref="HtmlBody"/> is already encoded.</summary>
public sealed record EmailMessage(string To, string Subject, string HtmlBody);

/// <summary>
/// Every email the portal sends (account links and member notifications) goes through this. The app's sender queues
/// the message in the outbox and returns once it is stored; the outbox worker delivers it through <see cref="IEmailTransport"/>.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

public enum EmailDelivery
{
    /// <summary>Write each message as an HTML file into the data folder's <c>mail</c> directory.</summary>
    Folder,
    Smtp,
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.Folder;

    /// <summary>Folder delivery outside Development must be chosen on purpose: otherwise nobody gets their emails.</summary>
    public bool AllowFolderDelivery { get; set; }
    public string From { get; set; } = "LoyaltyPortal <no-reply@loyaltyportal.local>";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool SmtpEnableSsl { get; set; } = true;
    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>How long a queued email keeps being retried (the mail server down) before it is marked failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// Hands one message to the mail system. Only the outbox worker calls this: a failure throws, and the worker retries
/// with back-off, so a mail-server outage delays emails instead of losing them.
/// </summary>
public interface IEmailTransport
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

/// <summary>Writes messages to files so Development needs no mail server; open them in a browser.</summary>
internal sealed class FolderEmailTransport(IOptions<DatabaseOptions> database, IHostEnvironment environment, TimeProvider clock,
    ILogger<FolderEmailTransport> logger) : IEmailTransport
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var folder = Path.Combine(database.Value.ResolveDataFolder(environment.ContentRootPath), "mail");
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var file = Path.Combine(folder, $"{now:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.html");
        var subject = WebUtility.HtmlEncode(message.Subject);
        var html = $"<!doctype html><meta charset=utf-8><title>{subject}</title>" +
                   $"<p>To: {WebUtility.HtmlEncode(message.To)}<br>Date: {now:R}<br>Subject: {subject}</p><hr>{message.HtmlBody}";
        await File.WriteAllTextAsync(file, html, ct);
        // The address is personal data: logs keep it only at Debug, where a developer looking for a message turns it on.
        logger.LogInformation("Email '{Subject}' written to {File}", message.Subject, file);
        logger.LogDebug("Email {File} is addressed to {To}", file, message.To);
    }
}

/// <summary>
/// SMTP with MailKit: STARTTLS on 587 (or TLS from the start on 465) when <see cref="EmailOptions.SmtpEnableSsl"/> is on,
/// never a silent fall-back to plain text.
/// </summary>
internal sealed class MailKitEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.SmtpHost)) throw new InvalidOperationException("Email:SmtpHost is not configured.");
        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(settings.From));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        mail.Body = new TextPart(MimeKit.Text.TextFormat.Html) { Text = message.HtmlBody };

        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        var security = !settings.SmtpEnableSsl ? SecureSocketOptions.None
            : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(settings.SmtpUserName)) await client.AuthenticateAsync(settings.SmtpUserName, settings.SmtpPassword ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
