namespace Assistant.Rag.Graph;

/// <summary>A span of a question that names a graph value: where, which value (as stored), and on what it is stored.</summary>
/// <param name="Start">Offset in the question.</param>
/// <param name="Length">Length of the span.</param>
/// <param name="Value">The stored value it names (an alias names its node's <c>name</c>).</param>
/// <param name="Holders">The (label, property) pairs holding that value ("Tallyboard" is a team's and a product's name).</param>
/// <param name="Exact">False for a fuzzy (one-typo) match.</param>
internal sealed record GraphMention(int Start, int Length, string Value, IReadOnlyList<(string Label, string Property)> Holders, bool Exact)
{
    public string Label => Holders[0].Label;

    public string Property => Holders[0].Property;

    public bool HeldBy(string? label, string? property) =>
        Holders.Any(h => (label is null || h.Label == label) && (property is null || h.Property == property));
}
