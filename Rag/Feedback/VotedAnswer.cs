using Assistant.Rag.Generation;

namespace Assistant.Rag.Feedback;

/// <summary>An answer that received votes, as learning reads it back from the store.</summary>
/// <param name="AnswerId">The answer.</param>
/// <param name="Intent">The route-set or intent key it was retrieved under (<see cref="RouteSet.Key"/>).</param>
/// <param name="QuestionEmbedding">The standalone question's embedding; empty when none was stored.</param>
/// <param name="CreatedAt">When it was answered.</param>
/// <param name="Evidence">What was retrieved and cited.</param>
/// <param name="Votes">Its current votes (one per user and citation) cast after the last learning reset.</param>
public sealed record VotedAnswer(
    string AnswerId,
    string Intent,
    ReadOnlyMemory<float> QuestionEmbedding,
    DateTimeOffset CreatedAt,
    IReadOnlyList<AnswerEvidence> Evidence,
    IReadOnlyList<Vote> Votes);
