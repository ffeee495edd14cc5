using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Assistant.Bot.Tests.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP receiver: accepts POSTs to /v1/traces, /v1/metrics and /v1/logs and keeps their raw bodies.
/// </summary>
/// <remarks>
/// HttpListener rather than Kestrel on purpose: the app under test listens to ASP.NET Core's activity source process-wide,
/// so a Kestrel receiver's own requests would be traced and exported back to it.
/// </remarks>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _requests = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        var port = FreeLoopbackPort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The base address to give as OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public Uri Endpoint { get; }

    /// <summary>Bodies received at <paramref name="path"/> (e.g. "/v1/traces"), in order.</summary>
    public IReadOnlyList<byte[]> Bodies(string path) => [.. _requests.Where(r => r.Path == path).Select(r => r.Body)];

    /// <summary>Every body received, whatever the signal.</summary>
    public IReadOnlyList<byte[]> AllBodies => [.. _requests.Select(r => r.Body)];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the listener was closed under a pending accept
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _requests.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            // An empty protobuf message is a valid Export*ServiceResponse.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }
}
