using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Bot.Tests.Slack;

/// <summary>
/// A loopback HTTP server that answers like the Slack Web API (POST /api/{method}, JSON in, <c>{"ok":…}</c> out)
/// and records every call, so tests assert on what the bot sent. Responses can be scripted per method.
/// </summary>
internal sealed class FakeSlackApi : IAsyncDisposable
{
    public const string BotUserId = "UBOT0001";

    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _ts;

    private FakeSlackApi(WebApplication app) => _app = app;

    /// <summary>The address to configure as Slack:ApiBaseUrl, e.g. http://127.0.0.1:40123/api/.</summary>
    public string ApiBaseUrl { get; private set; } = string.Empty;

    /// <summary>Every call received, in order.</summary>
    public IReadOnlyList<SlackCall> Calls => [.. _calls];

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.MapPost("/api/{method}", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.ApiBaseUrl = address.TrimEnd('/') + "/api/";
        return fake;
    }

    /// <summary>The next call of <paramref name="method"/> gets this response instead of the default one.</summary>
    public void Script(string method, int status, string json, TimeSpan? retryAfter = null) =>
        _scripts.GetOrAdd(method, _ => new ConcurrentQueue<ScriptedResponse>()).Enqueue(new ScriptedResponse(status, json, retryAfter));

    /// <summary>The calls of <paramref name="method"/> whose body names <paramref name="channel"/>.</summary>
    public IReadOnlyList<SlackCall> CallsTo(string method, string channel) =>
        [.. _calls.Where(c => c.Method == method && c.Body?["channel"]?.GetValue<string>() == channel)];

    /// <summary>Waits until <paramref name="condition"/> holds for the calls received, failing after 30 seconds.</summary>
    public async Task<IReadOnlyList<SlackCall>> WaitForAsync(Func<IReadOnlyList<SlackCall>, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition(Calls))
        {
            try
            {
                await Task.Delay(25, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The bot never sent {what}. Calls: {string.Join("; ", Calls.Select(c => c.Method + " " + c.Body?.ToJsonString()))}");
            }
        }

        return Calls;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string method)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        _calls.Enqueue(new SlackCall(
            method,
            context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType ?? string.Empty,
            body));

        if (_scripts.TryGetValue(method, out var script) && script.TryDequeue(out var scripted))
        {
            context.Response.StatusCode = scripted.Status;
            if (scripted.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(scripted.Json);
            return;
        }

        var channel = body?["channel"]?.GetValue<string>() ?? "C0";
        JsonObject response = method switch
        {
            "chat.postMessage" => new() { ["ok"] = true, ["channel"] = channel, ["ts"] = NextTs() },
            "chat.update" => new() { ["ok"] = true, ["channel"] = channel, ["ts"] = body?["ts"]?.GetValue<string>() },
            "chat.postEphemeral" => new() { ["ok"] = true, ["message_ts"] = NextTs() },
            "auth.test" => new() { ["ok"] = true, ["user_id"] = BotUserId, ["bot_id"] = "BBOT0001", ["team_id"] = "T0001" },
            _ => new() { ["ok"] = false, ["error"] = "unknown_method" },
        };
        await context.Response.WriteAsJsonAsync(response);
    }

    private string NextTs() => string.Create(CultureInfo.InvariantCulture, $"1764400000.{Interlocked.Increment(ref _ts):D6}");

    private sealed record ScriptedResponse(int Status, string Json, TimeSpan? RetryAfter);
}
