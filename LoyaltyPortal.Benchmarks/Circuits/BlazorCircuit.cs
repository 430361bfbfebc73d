using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoyaltyPortal.Benchmarks.Circuits;

/// <summary>
/// One interactive page as the browser's blazor.web.js would hold it, without a browser: a WebSocket to
/// <c>/_blazor</c> speaking blazorpack, the circuit started from the prerendered page's markers, every render batch
/// acknowledged and every JS interop call answered with null (or an object reference where one is expected). It can click an element found by its aria-label.
/// </summary>
internal sealed class BlazorCircuit : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly string clickLabel;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> pendingCalls = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private const int JSObjectReferenceResult = 1;
    private long rendererInterop;
    private long nextJSObjectId;
    private long nextCallId;
    private ulong clickHandler;

    private BlazorCircuit(PortalSignIn signIn, string clickLabel)
    {
        this.clickLabel = clickLabel;
        var builder = new HubConnectionBuilder();
        // blazorpack is MessagePack under another name; the .NET client's protocol only needs renaming.
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol(new MessagePackHubProtocol()));
        connection = builder
            .WithUrl(new Uri(signIn.BaseUri, "_blazor"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = signIn.CookieHeader;
            })
            .Build();
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        connection.On<string, bool, string>("JS.EndInvokeDotNet", OnEndInvokeDotNet);
        connection.On<string>("JS.Error", error => Fail(new InvalidOperationException($"Circuit error: {error}")));
        connection.Closed += error => { Fail(error ?? new InvalidOperationException("The connection closed.")); return Task.CompletedTask; };
    }

    /// <summary>Bytes of the render batches until the page is interactive: the whole page as the circuit first paints it.</summary>
    public int InitialRenderBytes { get; private set; }

    public int Batches { get; private set; }

    public Exception? Error { get; private set; }

    /// <summary>Opens the circuit for a prerendered page and waits until it has painted and the element to click exists.</summary>
    public static async Task<BlazorCircuit> OpenAsync(PortalSignIn signIn, PrerenderedPage page, string clickLabel, CancellationToken ct)
    {
        var circuit = new BlazorCircuit(signIn, clickLabel);
        await circuit.connection.StartAsync(ct);
        var circuitId = await circuit.connection.InvokeAsync<string?>(
            "StartCircuit", signIn.BaseUri.ToString(), page.Uri.ToString(), "[]", page.ApplicationState, ct);
        if (string.IsNullOrEmpty(circuitId)) throw new InvalidOperationException("The server refused to start the circuit.");
        var operations = page.Markers.Select((marker, i) => new { type = "add", ssrComponentId = i + 1, marker });
        await circuit.connection.SendAsync("UpdateRootComponents", JsonSerializer.Serialize(new { batchId = 1, operations }), page.ApplicationState, ct);
        await circuit.ready.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        return circuit;
    }

    /// <summary>Clicks the element and returns the time until the server has handled the event (its render sent).</summary>
    public async Task<TimeSpan> ClickAsync(CancellationToken ct)
    {
        if (Error is not null) throw Error;
        var callId = Interlocked.Increment(ref nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        pendingCalls[callId] = done;
        var args = $$"""[{"eventHandlerId":{{clickHandler}},"eventName":"click","eventFieldInfo":null},{"detail":1,"button":0,"buttons":0,"type":"click"}]""";
        var started = Stopwatch.GetTimestamp();
        await connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", rendererInterop, args, ct);
        if (!await done.Task.WaitAsync(TimeSpan.FromSeconds(30), ct)) throw new InvalidOperationException("The click failed on the server.");
        return Stopwatch.GetElapsedTime(started);
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        Batches++;
        if (!ready.Task.IsCompleted) InitialRenderBytes += batch.Length;
        if (clickHandler != 0 && RenderBatchReader.Disposes(batch, clickHandler)) clickHandler = 0;
        if (clickHandler == 0) clickHandler = RenderBatchReader.FindClickHandler(batch, clickLabel);
        await connection.SendAsync("OnRenderCompleted", batchId, null);
        if (clickHandler != 0 && rendererInterop != 0) ready.TrySetResult();
    }

    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        var taskId = (long)args[0]!;
        var identifier = (string?)args[1];
        if (identifier == "Blazor._internal.attachWebRendererInterop")
        {
            using var json = JsonDocument.Parse((string)args[2]!);
            rendererInterop = json.RootElement[1].GetProperty("__dotNetObject").GetInt64();
        }
        // A call that expects a JS object (a module import) gets a reference to one, so the component carries on as in a
        // browser; everything else gets null.
        var result = (int)args[3]! == JSObjectReferenceResult ? $$"""{"__jsObjectId":{{Interlocked.Increment(ref nextJSObjectId)}}}""" : "null";
        if (taskId != 0) await connection.SendAsync("EndInvokeJSFromDotNet", taskId, true, $"[{taskId},true,{result}]");
    }

    private void OnEndInvokeDotNet(string callId, bool success, string result)
    {
        if (!pendingCalls.TryRemove(callId, out var call)) return;
        if (success) call.TrySetResult(true);
        else call.TrySetException(new InvalidOperationException($"The event failed on the server: {result}"));
    }

    private void Fail(Exception error)
    {
        Error ??= error;
        ready.TrySetException(error);
        foreach (var call in pendingCalls.Values) call.TrySetException(error);
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    private sealed class BlazorPackProtocol(IHubProtocol messagePack) : IHubProtocol
    {
        public string Name => "blazorpack";

        public int Version => messagePack.Version;

        public TransferFormat TransferFormat => TransferFormat.Binary;

        public bool IsVersionSupported(int version) => messagePack.IsVersionSupported(version);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            messagePack.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => messagePack.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => messagePack.GetMessageBytes(message);
    }
}
