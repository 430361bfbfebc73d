using System.Net;
using System.Net.Sockets;

namespace LoyaltyPortal.Tests.EndToEnd;

/// <summary>
/// A loopback TCP relay in front of the app that a test can cut and restore, the way a phone loses its network:
/// cutting resets every open connection (the browser's circuit socket included) and refuses new ones until restored.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly int targetPort;
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;

    public CuttableProxy(int targetPort)
    {
        this.targetPort = targetPort;
        Listen(0);
        Port = ((IPEndPoint)listener!.LocalEndpoint).Port;
    }

    public int Port { get; }

    public void Cut()
    {
        listener?.Stop();
        listener = null;
        lock (open)
        {
            foreach (var client in open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }
            open.Clear();
        }
    }

    public void Restore() => Listen(Port);

    private void Listen(int port)
    {
        var next = new TcpListener(IPAddress.Loopback, port);
        next.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        next.Start();
        listener = next;
        _ = AcceptAsync(next);
    }

    private async Task AcceptAsync(TcpListener from)
    {
        while (true)
        {
            TcpClient client;
            try { client = await from.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var app = new TcpClient();
        try
        {
            await app.ConnectAsync(IPAddress.Loopback, targetPort);
            lock (open) { open.Add(client); open.Add(app); }
            using var stop = new CancellationTokenSource();
            var upstream = client.GetStream().CopyToAsync(app.GetStream(), stop.Token);
            var downstream = app.GetStream().CopyToAsync(client.GetStream(), stop.Token);
            await Task.WhenAny(upstream, downstream);
            await stop.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException) { }
        finally
        {
            lock (open) { open.Remove(client); open.Remove(app); }
            client.Dispose();
            app.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
