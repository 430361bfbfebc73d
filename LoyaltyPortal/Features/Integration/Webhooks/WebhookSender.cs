using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace LoyaltyPortal.Features.Integration.Webhooks;

/// <summary>
/// What one attempt came to: its status code (none when the receiver never answered), whether it counts as delivered,
/// and whether retrying is pointless (the endpoint is disabled or gone).
/// </summary>
public sealed record WebhookCallResult(bool Delivered, int? StatusCode, string? Error, bool GiveUp = false);

/// <summary>
/// POSTs one signed message, as Standard Webhooks lays down: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds)
/// and <c>webhook-signature</c> (<c>v1,</c> and the base64 HMAC-SHA256 of <c>id.timestamp.body</c>). A 2xx answer is
/// delivered; redirects are not followed, so a receiver can't bounce the call into a private network.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, WebhookSecrets secrets, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    public async Task<WebhookCallResult> SendAsync(string url, string protectedSecret, string messageId, string body, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow();
        var signature = new StandardWebhook(secrets.Unprotect(protectedSecret)).Sign(messageId, timestamp, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        var client = httpClients.CreateClient(ClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new(true, code, null)
                : new(false, code, $"HTTP {code} {response.ReasonPhrase}".Trim());
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(false, null, $"No answer within {client.Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException ex)
        {
            return new(false, null, ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message);
        }
    }

    /// <summary>The named client: the configured timeout, no redirects and, outside development, public addresses only.</summary>
    internal static void Configure(IServiceCollection services) =>
        services.AddHttpClient(ClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowInsecureUrls ? null : ConnectToPublicAddressAsync,
            });

    /// <summary>
    /// Resolves the host and connects only to a public address. Checking the URL alone is not enough: a public name can
    /// resolve to 127.0.0.1 or the cloud metadata address.
    /// </summary>
    private static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var address = addresses.FirstOrDefault(WebhookUrls.IsPublic)
            ?? throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to private or local addresses.");
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
