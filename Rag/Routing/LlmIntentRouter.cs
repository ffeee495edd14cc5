using System.Globalization;
using System.Text;
using System.Text.Json;
using Assistant.Rag.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Routing;

/// <summary>
/// Routes with the configured LLM: one call constrained by a JSON schema (the available route names as an enum), in
/// which the model sees each registered route's description (for sql and graph, their schema summary) and returns the
/// routes, their weights and a reason (<see cref="RouteReply"/>). No reply (the call policy says why), or one that breaks
/// the schema, hands the question to the embedded router instead.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class LlmIntentRouter : IIntentRouter
{
    /// <summary>Longest reason kept from the model's reply.</summary>
    public const int MaxReasonLength = 200;

    private const string SystemPrompt = """
        You route employees' questions to the search backends of a company's internal assistant.
        Choose the one or more routes that can best answer the question and give each a weight between 0 and 1
        (the main route 1). Use several routes when the question needs several kinds of evidence.
        Give a short reason (one sentence, in English). Reply with JSON only.
        """;

    private readonly ILlmCalls _llm;
    private readonly EmbeddedIntentRouter _fallback;
    private readonly IOptionsMonitor<RoutingOptions> _options;
    private readonly ILogger _logger;

    public LlmIntentRouter(ILlmCalls llm, EmbeddedIntentRouter fallback, IOptionsMonitor<RoutingOptions> options, ILogger<LlmIntentRouter> logger)
    {
        _llm = llm;
        _fallback = fallback;
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<RouteDecision> RouteAsync(RoutingQuestion question, IReadOnlyList<IRoute> available, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(available);
        if (available.Count <= 1)
        {
            return await _fallback.RouteAsync(question, available, cancellationToken).ConfigureAwait(false);
        }

        var step = LlmStep.Of(LlmStepNames.Route, _options.CurrentValue.LlmTimeoutSeconds);
        var reply = await _llm.AskAsync<RouteReply>(
            step,
            [new ChatMessage(ChatRole.System, SystemPrompt + "\n\nRoutes:\n" + Describe(available)), new ChatMessage(ChatRole.User, question.Text)],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 200, ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(available), "route_decision", "Routes to search, with weights and a reason.") },
            cancellationToken).ConfigureAwait(false);
        if (reply.IsOk)
        {
            if (Decide(reply.Value!, available) is { } decision)
            {
                return decision;
            }

            Log.InvalidReply(_logger);
            _llm.FellBack(step, "unknown-route");
        }

        return await _fallback.RouteAsync(question, available, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The JSON schema the reply must follow: routes (names from <paramref name="available"/>, weights 0–1) and a reason.</summary>
    public static JsonElement Schema(IReadOnlyList<IRoute> available)
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

    /// <summary>
    /// The decision <paramref name="reply"/> stands for, or null when it names a route that is not available, weighs a
    /// route outside 0–1, or weighs everything 0. The schema asks for exactly this; servers do not all enforce it.
    /// </summary>
    public static RouteDecision? Decide(RouteReply reply, IReadOnlyList<IRoute> available)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(available);
        var chosen = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var route in reply.Routes)
        {
            if (!double.IsFinite(route.Weight) || route.Weight < 0 || route.Weight > 1 || !available.Any(r => r.Name == route.Name))
            {
                return null;
            }

            chosen[route.Name] = Math.Max(chosen.GetValueOrDefault(route.Name), route.Weight);
        }

        if (chosen.Count == 0 || chosen.Values.All(w => w <= 0))
        {
            return null;
        }

        var ordered = chosen.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ThenBy(c => RouteNames.Order(c.Key)).Select(c => new RouteWeight(c.Key, c.Value)).ToList();
        var reason = reply.Reason.ReplaceLineEndings(" ").Trim();
        reason = reason.Length == 0 ? "chosen by the LLM" : reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason;
        return new RouteDecision(ordered, reason, ordered[0].Weight, ordered[0].Name, "llm");
    }

    private static string Describe(IReadOnlyList<IRoute> available)
    {
        var text = new StringBuilder();
        foreach (var route in available)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {route.Name}: {route.Description.ReplaceLineEndings(" ")}\n");
        }

        return text.ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "The LLM router's reply named an unavailable route or a weight outside 0-1; the embedded router decides")]
        public static partial void InvalidReply(ILogger logger);
    }
}
