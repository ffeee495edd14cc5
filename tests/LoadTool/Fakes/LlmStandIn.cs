using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Assistant.LoadTool.Fakes;

/// <summary>
/// A tiny OpenAI-compatible chat endpoint (<c>POST /v1/chat/completions</c>) the tool switches between answering,
/// failing with 500 and hanging. A normal reply quotes the first numbered source of the prompt and cites it as [1],
/// so the bot's citation checks see a grounded answer; a request without sources (routing, rewriting) gets "{}",
/// which the bot's steps treat as an unusable reply and fall back from.
/// </summary>
internal sealed partial class LlmStandIn
{
    public const string Model = "loadtool-stand-in";

    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile LlmMode _mode = LlmMode.Normal;
    private int _requests;

    public string BaseUrl { get; set; } = string.Empty;

    public int Requests => Volatile.Read(ref _requests);

    public LlmMode Mode
    {
        get => _mode;
        set
        {
            _mode = value;
            if (value != LlmMode.Hanging)
            {
                Release();
            }
        }
    }

    public IEnumerable<KeyValuePair<string, string>> BotSettings() =>
    [
        new("Llm__Endpoint", BaseUrl + "/v1"),
        new("Llm__Model", Model),
        new("Llm__ApiKey", "loadtool"),
    ];

    /// <summary>Lets every hanging request go (they then fail with 503).</summary>
    public void Release()
    {
        var old = Interlocked.Exchange(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        old.TrySetResult();
    }

    public void Map(WebApplication app) => app.MapPost("/v1/chat/completions", (Func<HttpContext, Task<IResult>>)CompleteAsync);

    private async Task<IResult> CompleteAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject ?? [];
        switch (_mode)
        {
            case LlmMode.Failing:
                return Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = "stand-in failure", ["type"] = "server_error" } }, statusCode: 500);
            case LlmMode.Hanging:
                try
                {
                    await Task.WhenAny(_release.Task, Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                return Results.StatusCode(503);
        }

        var prompt = string.Join('\n', (body["messages"] as JsonArray ?? []).Select(m => m?["content"]?.ToString() ?? string.Empty));
        var source = FirstSource().Match(prompt);
        var content = source.Success ? source.Groups[1].Value.Trim() + " [1]" : "{}";
        return Results.Json(new JsonObject
        {
            ["id"] = "chatcmpl-loadtool",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt.Length / 4, ["completion_tokens"] = content.Length / 4, ["total_tokens"] = (prompt.Length + content.Length) / 4 },
        });
    }

    // The first sentence after "[1]" in the prompt: how the answer prompt numbers its sources.
    [GeneratedRegex(@"\[1\][^\n]*\n?([^\n.]{10,300}\.)")]
    private static partial Regex FirstSource();
}
