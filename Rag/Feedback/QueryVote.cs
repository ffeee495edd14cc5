namespace Assistant.Rag.Feedback;

/// <summary>
/// A vote on an answer a structured route wrote from a query (<see cref="Generation.AnswerKind.Queried"/>), as the route
/// reads it back to learn from: who voted what, on which question, query and stored example.
/// </summary>
/// <param name="AnswerId">The answer voted on.</param>
/// <param name="UserId">The channel's user id.</param>
/// <param name="Channel">Where the vote was cast.</param>
/// <param name="Value">👍 or 👎.</param>
/// <param name="At">When the vote was cast.</param>
/// <param name="Route">The route that wrote the query ("sql", "graph").</param>
/// <param name="Source">The database or graph it ran on.</param>
/// <param name="Question">The standalone question it answered.</param>
/// <param name="Query">The query as run.</param>
/// <param name="ExampleId">The stored example it was adapted from; null when an LLM wrote it.</param>
public sealed record QueryVote(
    string AnswerId,
    string UserId,
    string Channel,
    VoteValue Value,
    DateTimeOffset At,
    string Route,
    string Source,
    string Question,
    string Query,
    string? ExampleId);
