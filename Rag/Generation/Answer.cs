using System.Text.Json.Serialization;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Generation;

/// <summary>
/// The engine's reply to a <see cref="Turn"/>. Every "[n]" in <see cref="Text"/> has a matching <see cref="Citation"/>.
/// </summary>
/// <param name="Id">Unique answer id; votes refer to it.</param>
/// <param name="Text">Answer text with "[n]" citation markers.</param>
/// <param name="Citations">The sources cited, numbered from 1.</param>
/// <param name="Routes">The retrieval routes that ran.</param>
/// <param name="StandaloneQuestion">The question as it was searched (after follow-up rewriting).</param>
/// <param name="Kind">How the text was produced.</param>
/// <param name="CreatedAt">When the answer was made.</param>
public sealed record Answer(
    string Id,
    string Text,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<RouteUse> Routes,
    string StandaloneQuestion,
    AnswerKind Kind,
    DateTimeOffset CreatedAt)
{
    /// <summary>The fused ranking behind the answer (its top items and every cited chunk), for feedback; empty for a rejected question.</summary>
    public IReadOnlyList<AnswerEvidence> Evidence { get; init; } = [];

    /// <summary>The tables the answer states (a <see cref="AnswerKind.Queried"/> answer's first citation); empty for a text answer.</summary>
    public IReadOnlyList<TableResult> Tables { get; init; } = [];

    /// <summary>
    /// Questions the structured route can answer, offered when it could not answer this one (shown as buttons that ask
    /// them); empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>The stored example a <see cref="AnswerKind.Queried"/> answer's query was adapted from, or null (what votes teach).</summary>
    public string? QueryExampleId { get; init; }

    /// <summary>The embedding of <see cref="StandaloneQuestion"/>; empty when the vector route did not run.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<float> QuestionEmbedding { get; init; }
}
