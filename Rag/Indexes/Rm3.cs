namespace Assistant.Rag.Indexes;

/// <summary>
/// Term selection of RM3 pseudo-relevance feedback: the relevance model P(t|R) = Σ_d P(t|d) · P(d|q), with P(t|d) the
/// term's share of the document's terms and P(d|q) the document's share of the feedback documents' scores.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class Rm3
{
    /// <summary>
    /// The <paramref name="count"/> heaviest terms (per field) of <paramref name="documents"/> that are not already
    /// query terms, with weights normalised to sum 1; ties go to the term that sorts first, so the result is
    /// deterministic. Empty when there are no documents, no positive scores, or only query terms.
    /// </summary>
    public static IReadOnlyList<(string Field, string Term, double Weight)> ExpansionTerms(
        IReadOnlyList<(string Field, IReadOnlyList<string> Terms, double Score)> documents,
        IReadOnlyCollection<(string Field, string Term)> query,
        int count)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(query);
        var total = documents.Where(d => d.Terms.Count > 0).Sum(d => Math.Max(0, d.Score));
        if (total <= 0 || count <= 0)
        {
            return [];
        }

        var exclude = new HashSet<(string, string)>(query);
        var model = new Dictionary<(string Field, string Term), double>();
        foreach (var (field, terms, score) in documents.Where(d => d.Terms.Count > 0 && d.Score > 0))
        {
            var weight = score / total / terms.Count;
            foreach (var term in terms)
            {
                if (!exclude.Contains((field, term)))
                {
                    model[(field, term)] = model.GetValueOrDefault((field, term)) + weight;
                }
            }
        }

        var top = model.OrderByDescending(m => m.Value).ThenBy(m => m.Key.Field, StringComparer.Ordinal).ThenBy(m => m.Key.Term, StringComparer.Ordinal).Take(count).ToList();
        var sum = top.Sum(t => t.Value);
        return [.. top.Select(t => (t.Key.Field, t.Key.Term, t.Value / sum))];
    }
}
