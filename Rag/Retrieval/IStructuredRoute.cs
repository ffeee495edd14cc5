namespace Assistant.Rag.Retrieval;

/// <summary>
/// A route that answers with rows instead of passages: the SQL database (NL2SQL) and the knowledge graph (Text2Cypher).
/// Registered in DI as <see cref="IStructuredRoute"/>; the engine asks it when the router gives its name a weight.
/// </summary>
/// <remarks>
/// Implementations are thread-safe and read-only by construction: nothing a question says can write. A route that cannot
/// answer confidently runs nothing and returns <see cref="StructuredReply.Declined"/>: a wrong number is worse than none.
/// </remarks>
public interface IStructuredRoute : Routing.IRoute
{
    /// <summary>Answers <paramref name="question"/> from the configured sources, or declines.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    Task<StructuredReply> AnswerAsync(StructuredQuestion question, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a 👍 (<paramref name="helpful"/> true) or 👎 on an answer built from the example <paramref name="exampleId"/>
    /// (null when an LLM wrote the query), from <paramref name="userId"/>: agreed 👍 votes from enough distinct users make
    /// the question a learned example; a 👎 marks the example doubtful for that question. Idempotent per user and answer.
    /// Called after the vote is stored in the feedback store.
    /// </summary>
    Task RecordVoteAsync(string question, string? exampleId, string query, string userId, bool helpful, CancellationToken cancellationToken = default);
}
