using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Assistant.LoadTool.Channels;

/// <summary>The one HTTP client the tool sends with, and the translation of its failures into an <see cref="Outcome"/>.</summary>
internal static class LoopbackHttp
{
    public static HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1000,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Sends <paramref name="request"/>; <paramref name="read"/> turns a response into an answer id or detail.</summary>
    public static async Task<Outcome> SendAsync(HttpRequestMessage request, Func<HttpResponseMessage, Task<(string? AnswerId, string? Detail)>>? read = null)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await Client.SendAsync(request).ConfigureAwait(false);
            var (answerId, detail) = read is null ? (null, null) : await read(response).ConfigureAwait(false);
            return new Outcome(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), clock.Elapsed.TotalMilliseconds, answerId, detail);
        }
        catch (TaskCanceledException)
        {
            return new Outcome("timeout", clock.Elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return new Outcome("refused", clock.Elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException)
        {
            // The connection was cut mid-request (the bot died or closed it).
            return new Outcome("cut", clock.Elapsed.TotalMilliseconds);
        }
        finally
        {
            request.Dispose();
        }
    }
}
