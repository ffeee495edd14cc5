using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Routing;

/// <summary>
/// Routes with the configured LLM: one call constrained by a JSON schema (the available route names as an enum), in
/// which the model sees each registered route's description (for sql and graph, their schema summary) and returns the
/// routes, their weights and a reason. A reply that is late, fails, or breaks the schema hands the question to the
/// embedded router instead.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed partial class LlmIntentRouter : IIntentRouter
{
    /// <summary>Longest reason kept from the model's reply.</summary>
    public const int MaxReasonLength = 200;

    private const string SystemPrompt = """
        You route employees' questions to the search backends of a company's internal assistant.
        Choose the one or more routes that can best answer the question and give each a weight between 0 and 1
        (the main route 1). Use several routes when the question needs several kinds of evidence.
        Give a short reason (one sentence, in English). Reply with JSON only.
        """;

    private readonly IChatClient _chat;
    private readonly IIntentRouter _fallback;
    private readonly IOptionsMonitor<RoutingOptions> _options;
    private readonly ILogger _logger;

    public LlmIntentRouter(IChatClient chat, IIntentRouter fallback, IOptionsMonitor<RoutingOptions> options, ILogger<LlmIntentRouter> logger)
    {
        _chat = chat;
        _fallback = fallback;
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<RouteDecision> RouteAsync(RoutingQuestion question, IReadOnlyList<IRetrievalRoute> available, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(available);
        if (available.Count <= 1)
        {
            return await _fallback.RouteAsync(question, available, cancellationToken).ConfigureAwait(false);
        }

        var seconds = _options.CurrentValue.LlmTimeoutSeconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            var response = await _chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, SystemPrompt + "\n\nRoutes:\n" + Describe(available)), new ChatMessage(ChatRole.User, question.Text)],
                new ChatOptions { Temperature = 0, MaxOutputTokens = 200, ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(available), "route_decision", "Routes to search, with weights and a reason.") },
                timeout.Token).ConfigureAwait(false);
            var decision = Parse(response.Text, available);
            if (decision is not null)
            {
                return decision;
            }

            Log.InvalidReply(_logger);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(_logger, seconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.Failed(_logger, exception.GetType().Name);
        }

        return await _fallback.RouteAsync(question, available, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The JSON schema the reply must follow: routes (names from <paramref name="available"/>, weights 0–1) and a reason.</summary>
    public static JsonElement Schema(IReadOnlyList<IRetrievalRoute> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        var schema = new
        {
            type = "object",
            properties = new
            {
                routes = new
                {
                    type = "array",
                    minItems = 1,
                    items = new
                    {
                        type = "object",
                        properties = new
                        {
                            name = new { type = "string", @enum = available.Select(r => r.Name).ToArray() },
                            weight = new { type = "number", minimum = 0, maximum = 1 },
                        },
                        required = new[] { "name", "weight" },
                        additionalProperties = false,
                    },
                },
                reason = new { type = "string" },
            },
            required = new[] { "routes", "reason" },
            additionalProperties = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>The decision in <paramref name="reply"/>, or null when it is not valid JSON of the schema, names no available route, or weighs everything 0.</summary>
    public static RouteDecision? Parse(string reply, IReadOnlyList<IRetrievalRoute> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        try
        {
            using var json = JsonDocument.Parse(Unfence(reply ?? string.Empty));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("routes", out var routes) || routes.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("reason", out var reasonElement) || reasonElement.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var chosen = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var route in routes.EnumerateArray())
            {
                if (route.ValueKind != JsonValueKind.Object
                    || !route.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                    || !route.TryGetProperty("weight", out var weight) || !weight.TryGetDouble(out var value)
                    || !double.IsFinite(value) || value < 0 || value > 1
                    || !available.Any(r => r.Name == name.GetString()))
                {
                    return null;
                }

                chosen[name.GetString()!] = Math.Max(chosen.GetValueOrDefault(name.GetString()!), value);
            }

            if (chosen.Count == 0 || chosen.Values.All(w => w <= 0))
            {
                return null;
            }

            var ordered = chosen.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ThenBy(c => RouteNames.Order(c.Key)).Select(c => new RouteWeight(c.Key, c.Value)).ToList();
            var reason = reasonElement.GetString()!.ReplaceLineEndings(" ").Trim();
            reason = reason.Length == 0 ? "chosen by the LLM" : reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason;
            return new RouteDecision(ordered, reason, ordered[0].Weight, ordered[0].Name, "llm");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(IReadOnlyList<IRetrievalRoute> available)
    {
        var text = new StringBuilder();
        foreach (var route in available)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {route.Name}: {route.Description.ReplaceLineEndings(" ")}\n");
        }

        return text.ToString();
    }

    // Some OpenAI-compatible servers ignore the response format and wrap the JSON in a Markdown fence.
    private static string Unfence(string reply)
    {
        var text = reply.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        var start = text.IndexOf('\n', StringComparison.Ordinal);
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return start > 0 && end > start ? text[(start + 1)..end] : text;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "The LLM router's reply did not match the routing schema; the embedded router decides")]
        public static partial void InvalidReply(ILogger logger);

        [LoggerMessage(EventId = 1512, Level = LogLevel.Warning, Message = "The LLM router did not answer within {Seconds} s; the embedded router decides")]
        public static partial void TimedOut(ILogger logger, int seconds);

        [LoggerMessage(EventId = 1513, Level = LogLevel.Warning, Message = "The LLM router failed ({ErrorType}); the embedded router decides")]
        public static partial void Failed(ILogger logger, string errorType);
    }
}
