using System.Net;
using System.Net.Mail;
using LoyaltyPortal.Data;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Notifications;

/// <summary>One email to one person. <see cref="HtmlBody"/> is already encoded.</summary>
public sealed record EmailMessage(string To, string Subject, string HtmlBody);

/// <summary>Every email the portal sends (account links and member notifications) goes through this.</summary>
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
}

/// <summary>Writes messages to files so Development needs no mail server; open them in a browser.</summary>
internal sealed class FolderEmailSender(IOptions<DatabaseOptions> database, IHostEnvironment environment, TimeProvider clock, ILogger<FolderEmailSender> logger)
    : IEmailSender
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

internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.SmtpHost)) throw new InvalidOperationException("Email:SmtpHost is not configured.");
        using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.SmtpEnableSsl };
        if (!string.IsNullOrEmpty(settings.SmtpUserName)) client.Credentials = new NetworkCredential(settings.SmtpUserName, settings.SmtpPassword);
        using var mail = new MailMessage { From = new MailAddress(settings.From), Subject = message.Subject, Body = message.HtmlBody, IsBodyHtml = true };
        mail.To.Add(message.To);
        await client.SendMailAsync(mail, ct);
    }
}
