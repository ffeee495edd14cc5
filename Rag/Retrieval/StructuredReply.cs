namespace Assistant.Rag.Retrieval;

/// <summary>
/// What a structured route made of a question: a table with the sentence that states it, or a decline with the nearest
/// questions it can answer.
/// </summary>
/// <param name="Table">The result read, or null when nothing was run.</param>
/// <param name="Sentence">One sentence stating the result in the question's language, without citation markers
/// ("There are 14 open P1 tickets for the Network team."); null when nothing was run.</param>
/// <param name="Confidence">How sure the route is that the query answers the question, 0..1.</param>
/// <param name="Suggestions">When declined: up to three nearby questions the route can answer, in the question's language.</param>
/// <param name="ExampleId">The stored example the query was adapted from (so votes can teach it), or null.</param>
public sealed record StructuredReply(
    TableResult? Table,
    string? Sentence,
    double Confidence,
    IReadOnlyList<string> Suggestions,
    string? ExampleId = null)
{
    /// <summary>True when the route ran a query and has a table to show.</summary>
    public bool Answered => Table is not null && Sentence is not null;

    /// <summary>A decline: nothing run, with the nearest answerable questions.</summary>
    public static StructuredReply Declined(IReadOnlyList<string> suggestions, double confidence = 0) => new(null, null, confidence, suggestions);
}
