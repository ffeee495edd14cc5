namespace Assistant.Rag.Graph;

/// <summary>A stored question with the Cypher that answers it, and optionally the sentence that states the answer.</summary>
/// <param name="Id">Stable id ("fernhill:12"), so a reply names the example it was adapted from.</param>
/// <param name="Question">The question as an employee would type it.</param>
/// <param name="Cypher">The read query that answers it.</param>
/// <param name="Answer">A sentence template: {0}, {1} … are the first row's cells, {*0} all rows' first cells as a list; null: built from the result's shape.</param>
internal sealed record GraphExample(string Id, string Question, string Cypher, string? Answer);
