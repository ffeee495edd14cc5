using System.Text.Json.Nodes;

namespace Assistant.Bot.Playground;

/// <summary>The body answering <c>POST /api/chat</c>: the answer's fields for the page, and its Adaptive Card.</summary>
/// <param name="AnswerId">The id to vote on.</param>
/// <param name="Text">The answer text with "[n]" markers.</param>
/// <param name="Citations">The sources, numbered from 1.</param>
/// <param name="Routes">The retrieval routes that ran.</param>
/// <param name="StandaloneQuestion">The question as searched.</param>
/// <param name="Kind">"Generated", "Extractive" or "NoEvidence".</param>
/// <param name="Card">The answer as the Adaptive Card Teams would get.</param>
internal sealed record ChatResponse(
    string AnswerId,
    string Text,
    IReadOnlyList<ChatCitation> Citations,
    IReadOnlyList<ChatRoute> Routes,
    string StandaloneQuestion,
    string Kind,
    JsonObject Card);
