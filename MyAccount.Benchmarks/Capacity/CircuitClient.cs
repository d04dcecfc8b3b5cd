using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>
/// One open tab without a browser: the prerendered page over HTTP, then the circuit over <c>/_blazor</c> as blazor.web.js
/// starts it — <c>StartCircuit</c> with no components, then <c>UpdateRootComponents</c> with the page's component markers and
/// persisted state. Every render batch is acknowledged (<c>OnRenderCompleted</c>) and every JS interop call answered with
/// success and no value, as a page whose scripts ignore the calls would. Closing the tab sends the browser's
/// <c>/_blazor/disconnect</c> beacon, so the server frees the circuit at once instead of keeping it for reconnection.
/// </summary>
internal sealed partial class CircuitClient : IAsyncDisposable
{
    private readonly BrowserSession _session;
    private readonly HubConnection _connection;
    private readonly TaskCompletionSource _firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _circuitSecret;
    private long _lastBatchTicks;
    private TaskCompletionSource<long>? _nextBatch;

    private CircuitClient(BrowserSession session, HubConnection connection)
    {
        _session = session;
        _connection = connection;
    }

    public string Path { get; private set; } = "";

    public int Batches => _batches;

    public long BatchBytes => Interlocked.Read(ref _batchBytes);

    public string? Error { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>Stopwatch ticks of the latest render batch's arrival.</summary>
    public long LastBatchTicks => Interlocked.Read(ref _lastBatchTicks);

    private int _batches;
    private long _batchBytes;

    public static async Task<CircuitClient> OpenAsync(BrowserSession session, string path, CancellationToken ct)
    {
        using var response = await session.Http.GetAsync(path, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}.");
        }

        var html = await response.Content.ReadAsStringAsync(ct);
        var markers = StartMarker().Matches(html).Select(m => m.Groups[1].Value).Where(json => json.Contains("\"descriptor\"", StringComparison.Ordinal)).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"GET {path} has no interactive component markers.");
        }

        var state = StateMarker().Match(html) is { Success: true } found ? found.Groups[1].Value : "";
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(session.BaseAddress, "_blazor"), HttpTransportType.WebSockets, options => options.Cookies = session.Cookies)
            .AddBlazorPack()
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        var client = new CircuitClient(session, connection) { Path = path };
        client.Register();
        await connection.StartAsync(ct);
        var absolute = new Uri(session.BaseAddress, path).ToString();
        client._circuitSecret = await connection.InvokeAsync<string?>("StartCircuit", session.BaseAddress.ToString(), absolute, "[]", "", ct)
                                ?? throw new InvalidOperationException(client.Error ?? "The server refused to start the circuit.");
        var operations = markers.Select((marker, i) => new { type = "add", ssrComponentId = i + 1, marker = JsonDocument.Parse(marker).RootElement });
        await connection.SendAsync("UpdateRootComponents", JsonSerializer.Serialize(new { batchId = 1, operations }), state, ct);
        await client._firstBatch.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        return client;
    }

    /// <summary>Completes with the arrival time (stopwatch ticks) of the next render batch.</summary>
    public Task<long> NextBatchAsync()
    {
        var next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _nextBatch, next);
        return next.Task;
    }

    /// <summary>
    /// A click on a link the router intercepts (a tab, an invoice number): the circuit renders the new page; completes when its
    /// first render batch arrives.
    /// </summary>
    public async Task NavigateAsync(string path, CancellationToken ct = default)
    {
        var next = NextBatchAsync();
        await _connection.SendAsync("OnLocationChanged", new Uri(_session.BaseAddress, path).ToString(), null, true, ct);
        await next.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Path = path;
    }

    private void Register()
    {
        _connection.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref _lastBatchTicks, now);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _batchBytes, data.Length);
            Interlocked.Exchange(ref _nextBatch, null)?.TrySetResult(now);
            await _connection.SendAsync("OnRenderCompleted", batchId, null);
            _firstBatch.TrySetResult();
        });
        _connection.On<long, string, string, int, long>("JS.BeginInvokeJS", (handle, identifier, _, _, _) =>
            _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]"));
        _connection.On<string>("JS.Error", error =>
        {
            Error = error;
            _firstBatch.TrySetException(new InvalidOperationException($"The circuit failed: {error}"));
        });
        _connection.Closed += ex =>
        {
            Closed = true;
            _firstBatch.TrySetException(new InvalidOperationException("The circuit's connection closed.", ex));
            return Task.CompletedTask;
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_circuitSecret is { } secret)
        {
            // The browser's unload beacon: the server disposes the circuit now rather than holding it for a reconnection.
            using var beacon = new FormUrlEncodedContent([new("circuitId", secret)]);
            try
            {
                using var _ = await _session.Http.PostAsync("_blazor/disconnect", beacon);
            }
            catch (HttpRequestException)
            {
                // The server is gone; nothing to free.
            }
        }

        await _connection.DisposeAsync();
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex StartMarker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StateMarker();
}

internal static class BlazorPackBuilderExtensions
{
    public static IHubConnectionBuilder AddBlazorPack(this IHubConnectionBuilder builder)
    {
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        return builder;
    }
}
