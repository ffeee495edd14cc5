using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// A local OpenAI-compatible chat server on loopback: answers POST {base}/chat/completions with the documented
/// chat.completion payload (or a given status code) and records each request's headers and body.
/// </summary>
internal sealed class OpenAiStubServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OpenAiStubServer(Func<JsonObject, (int Status, string Content)> reply)
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(() => ServeAsync(reply));
    }

    public string BaseUrl { get; }

    /// <summary>Headers added to every response (e.g. Retry-After on a 429).</summary>
    public Dictionary<string, string> ResponseHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each request: its path, its Authorization and api-key headers (Azure OpenAI sends the key in the latter), and its body.</summary>
    public List<(string Path, string? Authorization, JsonObject Body, string? ApiKey)> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Func<JsonObject, (int Status, string Content)> reply)
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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            lock (Requests)
            {
                Requests.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body, context.Request.Headers["api-key"]));
            }

            var (status, content) = reply(body);
            var payload = status == 200 && context.Request.Url!.AbsolutePath.EndsWith("/embeddings", StringComparison.Ordinal)
                ? Embeddings(body)
                : status == 200
                ? new JsonObject
                {
                    ["id"] = "chatcmpl-test",
                    ["object"] = "chat.completion",
                    ["created"] = 1_700_000_000,
                    ["model"] = body["model"]?.GetValue<string>(),
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                        ["finish_reason"] = "stop",
                    }),
                    ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 10, ["total_tokens"] = 110 },
                }
                : new JsonObject { ["error"] = new JsonObject { ["message"] = content, ["type"] = "server_error" } };
            var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
            context.Response.StatusCode = status;
            foreach (var (name, value) in ResponseHeaders)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    // The documented embeddings payload: one vector per input, deterministic so tests can compare.
    private static JsonObject Embeddings(JsonObject body)
    {
        var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        var dimensions = body["dimensions"]?.GetValue<int>() ?? 8;
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = new JsonArray();
            for (var d = 0; d < dimensions; d++)
            {
                vector.Add((float)((inputs[i].Length + d) % 7) / 7f);
            }

            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = vector });
        }

        return new JsonObject { ["object"] = "list", ["data"] = data, ["model"] = body["model"]?.GetValue<string>(), ["usage"] = new JsonObject { ["prompt_tokens"] = 5, ["total_tokens"] = 5 } };
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
