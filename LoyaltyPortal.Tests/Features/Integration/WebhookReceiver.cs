using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyPortal.Tests.Features.Integration;

/// <summary>One webhook call as the receiver got it: the raw body and the headers.</summary>
public sealed record ReceivedWebhook(string Body, HeaderDictionary Headers)
{
    public string Id => Headers["webhook-id"].ToString();
}

/// <summary>A tiny receiver on Kestrel at 127.0.0.1 and a free port: keeps every call and answers with <see cref="StatusCode"/>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public int StatusCode { get; set; } = 200;
    public IReadOnlyList<ReceivedWebhook> Received => received.ToArray();
    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary();
            foreach (var (key, value) in http.Request.Headers) headers[key] = value;
            receiver.received.Enqueue(new ReceivedWebhook(body, headers));
            return Results.StatusCode(receiver.StatusCode);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
