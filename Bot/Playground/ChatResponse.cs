using System.Text.Json.Nodes;
using Assistant.Bot.Cards;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Playground;

/// <summary>The body answering <c>POST /api/chat</c>: the answer's fields for the page, and its Adaptive Card.</summary>
/// <param name="AnswerId">The id to vote on.</param>
/// <param name="Text">The answer text with "[n]" markers.</param>
/// <param name="Citations">The sources, numbered from 1.</param>
/// <param name="Routes">The retrieval routes that ran.</param>
/// <param name="StandaloneQuestion">The question as searched.</param>
/// <param name="Kind">"Generated", "Extractive", "Queried", "NoEvidence" or "Rejected".</param>
/// <param name="Card">The answer as the Adaptive Card Teams would get.</param>
internal sealed record ChatResponse(
    string AnswerId,
    string Text,
    IReadOnlyList<ChatCitation> Citations,
    IReadOnlyList<ChatRoute> Routes,
    string StandaloneQuestion,
    string Kind,
    JsonObject Card)
{
    /// <summary>The tables a <c>Queried</c> answer states (columns, rows, total, truncated, the query, its source and when it was read).</summary>
    public IReadOnlyList<Rag.Retrieval.TableResult> Tables { get; init; } = [];

    /// <summary>Questions offered when the structured route could not answer; empty otherwise.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>The JSON shape of an answer, shared by /api/chat and <c>ask --json</c>.</summary>
    public static ChatResponse From(Answer answer, AdaptiveCardRenderer renderer) => new(
        answer.Id,
        answer.Text,
        [.. answer.Citations.OrderBy(c => c.N).Select(c => new ChatCitation(c.N, c.Title, c.Url, c.Snippet, answer.Evidence.Where(e => e.Citation == c.N).MinBy(e => e.Rank)?.Feedback))],
        [.. answer.Routes.Select(r => new ChatRoute(r.Name, r.Weight, r.Reason, r.Hits))],
        answer.StandaloneQuestion,
        answer.Kind.ToString(),
        AdaptiveCardJson.ToJsonObject(renderer.Render(AnswerView.From(answer))))
    {
        Tables = answer.Tables,
        Suggestions = answer.Suggestions,
    };
}
