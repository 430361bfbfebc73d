using System.Net;
using System.Net.Sockets;
using System.Text;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoyaltyPortal.Tests.Features.Notifications;

/// <summary>
/// Every email leaves through one IEmailSender, which queues it in the outbox; the outbox worker hands it to the
/// transport: files in a folder by default, SMTP (MailKit) when configured.
/// </summary>
public sealed class EmailSendingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_folder_sender_keeps_the_recipient_address_out_of_information_logs()
    {
        var root = Directory.CreateTempSubdirectory("loyalty-mail-").FullName;
        using var logs = new CapturingLoggerProvider();
        try
        {
            var sender = new FolderEmailTransport(Options.Create(new DatabaseOptions { DataFolder = "data" }), new TestEnvironment(root),
                new FakeTimeProvider(), new Microsoft.Extensions.Logging.Logger<FolderEmailTransport>(new Microsoft.Extensions.Logging.LoggerFactory([logs])));

            await sender.SendAsync(new EmailMessage("alex@example.com", "Reset your password", "<p>Hi</p>"), Ct);

            Assert.Contains(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Information);
            Assert.DoesNotContain(logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information && e.Message.Contains("alex@example.com", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_folder_sender_writes_one_html_file_per_message_with_the_subject_encoded()
    {
        var root = Directory.CreateTempSubdirectory("loyalty-mail-").FullName;
        try
        {
            var sender = new FolderEmailTransport(Options.Create(new DatabaseOptions { DataFolder = "data" }), new TestEnvironment(root),
                new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)), NullLogger<FolderEmailTransport>.Instance);

            await sender.SendAsync(new EmailMessage("alex@example.com", "You're off the <waitlist>", "<p>See you Saturday.</p>"), Ct);

            var file = Assert.Single(Directory.GetFiles(Path.Combine(root, "data", "mail"), "*.html"));
            var html = await File.ReadAllTextAsync(file, Ct);
            Assert.Contains("To: alex@example.com", html);
            Assert.Contains("You&#39;re off the &lt;waitlist&gt;", html);
            Assert.Contains("<p>See you Saturday.</p>", html);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_smtp_sender_delivers_to_the_configured_server()
    {
        await using var server = new OneMessageSmtpServer();
        var sender = new MailKitEmailTransport(Options.Create(new EmailOptions
        {
            SmtpHost = "127.0.0.1", SmtpPort = server.Port, SmtpEnableSsl = false, From = "LoyaltyPortal <no-reply@loyaltyportal.test>",
        }));

        await sender.SendAsync(new EmailMessage("alex@example.com", "You're booked", "<p>Saturday run club, 09:00.</p>"), Ct);

        var transcript = await server.Transcript.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Contains("MAIL FROM:<no-reply@loyaltyportal.test>", transcript);
        Assert.Contains("RCPT TO:<alex@example.com>", transcript);
        Assert.Contains("Subject: You're booked", transcript);
        Assert.Contains("Saturday run club", transcript);
    }

    [Fact]
    public async Task The_smtp_sender_refuses_to_run_without_a_host()
    {
        var sender = new MailKitEmailTransport(Options.Create(new EmailOptions { SmtpHost = "" }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(new EmailMessage("a@example.com", "x", "y"), Ct));
        Assert.Contains("Email:SmtpHost", error.Message);
    }

    [Theory]
    [InlineData(null, typeof(FolderEmailTransport))]
    [InlineData("Folder", typeof(FolderEmailTransport))]
    [InlineData("Smtp", typeof(MailKitEmailTransport))]
    public async Task The_app_queues_emails_in_the_outbox_and_chooses_the_transport_from_Email_Delivery(string? delivery, Type expected)
    {
        var settings = new Dictionary<string, string?> { ["Database:DemoMembers"] = "0" };
        if (delivery is not null) settings["Email:Delivery"] = delivery;
        await using var app = new PortalAppFactory(settings);

        Assert.IsType<LoyaltyPortal.Features.Integration.Outbox.OutboxEmailSender>(app.Services.GetRequiredService<IEmailSender>());
        Assert.IsType(expected, app.Services.GetRequiredService<IEmailTransport>());
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "LoyaltyPortal";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    /// <summary>Just enough of an SMTP server on loopback to accept one message and record the conversation.</summary>
    private sealed class OneMessageSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource<string> transcript = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OneMessageSmtpServer()
        {
            listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
        public Task<string> Transcript => transcript.Task;

        private async Task ServeAsync()
        {
            var log = new StringBuilder();
            try
            {
                using var client = await listener.AcceptTcpClientAsync();
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 test ESMTP");
                var inData = false;
                while (await reader.ReadLineAsync() is { } line)
                {
                    log.AppendLine(line);
                    if (inData)
                    {
                        if (line == ".") { inData = false; await writer.WriteLineAsync("250 queued"); }
                        continue;
                    }
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO": await writer.WriteLineAsync("250 test"); break;
                        case "DATA": inData = true; await writer.WriteLineAsync("354 go ahead"); break;
                        case "QUIT": await writer.WriteLineAsync("221 bye"); transcript.TrySetResult(log.ToString()); return;
                        default: await writer.WriteLineAsync("250 ok"); break;
                    }
                }
                transcript.TrySetResult(log.ToString());
            }
            catch (Exception ex)
            {
                transcript.TrySetException(ex);
            }
        }

        public ValueTask DisposeAsync()
        {
            listener.Stop();
            return ValueTask.CompletedTask;
        }
    }
}
