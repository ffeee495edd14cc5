namespace Assistant.Rag.Evaluation;

/// <summary>
/// A deterministic rewording for the feedback simulation that keeps a question's meaning: filler words dropped, a small
/// list of synonyms swapped in, and a trailing "in …"/"among …" phrase moved to the front. Negations are never dropped.
/// </summary>
public static class QueryRewording
{
    private static readonly HashSet<string> Fillers = new(StringComparer.OrdinalIgnoreCase) { "the", "a", "an", "is", "are", "was", "were", "of", "that", "which" };

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["increases"] = "raises", ["increase"] = "rise", ["increased"] = "elevated", ["decreases"] = "lowers", ["decrease"] = "fall",
        ["decreased"] = "lowered", ["reduces"] = "lowers", ["reduced"] = "lowered", ["reduce"] = "lower", ["risk"] = "likelihood",
        ["associated"] = "linked", ["patients"] = "people", ["higher"] = "greater", ["causes"] = "leads to", ["prevents"] = "stops",
        ["treatment"] = "therapy", ["disease"] = "illness", ["children"] = "kids", ["inhibits"] = "blocks", ["promotes"] = "encourages",
        ["induces"] = "triggers", ["required"] = "needed", ["important"] = "key", ["effect"] = "impact", ["significant"] = "notable",
        ["significantly"] = "notably", ["levels"] = "amounts", ["mortality"] = "death rate", ["enhances"] = "boosts", ["improves"] = "betters",
        ["rate"] = "frequency", ["mice"] = "mouse models", ["individuals"] = "people", ["cause"] = "lead to", ["use"] = "usage",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.OrdinalIgnoreCase) { "in", "among", "during", "after", "for" };

    /// <summary>The reworded question; the same input always gives the same output.</summary>
    public static string Reword(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var words = question.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.TrimEnd('.', '?', '!'))
            .Where(w => w.Length > 0 && !Fillers.Contains(w))
            .Select(w => Synonyms.TryGetValue(w, out var synonym) ? synonym : w)
            .ToList();
        var phrase = words.FindLastIndex(w => Prepositions.Contains(w));
        if (phrase >= 2 && phrase < words.Count - 1)
        {
            words = [.. words.Skip(phrase), .. words.Take(phrase)];
            words[^(phrase + 1)] += ",";
        }

        return words.Count == 0 ? question : string.Join(' ', words);
    }
}
