using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.Rag.Tests.Graph;

/// <summary>
/// A stand-in for Neo4j's HTTP Query API (POST /db/{db}/query/v2) answering with the documented payloads: an EXPLAIN
/// gets {data, queryPlan}, a query {data: {fields, values}, bookmarks}, a failure {errors: [{code, message}]}.
/// Records every request it receives.
/// </summary>
internal sealed class Neo4jStandIn : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public Neo4jStandIn()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    /// <summary>The operator the EXPLAIN plan puts under ProduceResults (e.g. "NodeByLabelScan@neo4j", "Create@neo4j").</summary>
    public string PlannedOperator { get; set; } = "NodeIndexSeek@neo4j";

    /// <summary>When set, every request fails with this Neo4j status code (HTTP 400).</summary>
    public string? ErrorCode { get; set; }

    public List<(string Path, string? Authorization, JsonNode Body)> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            lock (Requests)
            {
                Requests.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body));
            }

            var statement = body["statement"]!.GetValue<string>();
            JsonObject reply;
            if (ErrorCode is not null)
            {
                context.Response.StatusCode = 400;
                reply = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = ErrorCode, ["message"] = "Invalid input" }) };
            }
            else if (statement.StartsWith("EXPLAIN ", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 202;
                reply = new JsonObject
                {
                    ["data"] = new JsonObject { ["fields"] = new JsonArray("name", "title"), ["values"] = new JsonArray() },
                    ["queryPlan"] = new JsonObject
                    {
                        ["operatorType"] = "ProduceResults@neo4j",
                        ["arguments"] = new JsonObject { ["planner"] = "COST" },
                        ["children"] = new JsonArray(new JsonObject { ["operatorType"] = PlannedOperator, ["children"] = new JsonArray() }),
                    },
                    ["bookmarks"] = new JsonArray("FB:kcwQ"),
                };
            }
            else
            {
                context.Response.StatusCode = 202;
                reply = new JsonObject
                {
                    ["data"] = new JsonObject
                    {
                        ["fields"] = new JsonArray("name", "title"),
                        ["values"] = new JsonArray(new JsonArray("Ravi Menon", "Chief Operating Officer"), new JsonArray("Grace Whitaker", 7)),
                    },
                    ["bookmarks"] = new JsonArray("FB:kcwQ"),
                };
            }

            var bytes = Encoding.UTF8.GetBytes(reply.ToJsonString());
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
