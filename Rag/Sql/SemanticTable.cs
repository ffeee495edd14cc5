namespace Assistant.Rag.Sql;

/// <summary>One exposed table of a <see cref="SemanticModel"/>.</summary>
internal sealed class SemanticTable
{
    public string Description { get; set; } = string.Empty;

    public List<string> Synonyms { get; set; } = [];

    /// <summary>Columns no query may read (personal data, secrets).</summary>
    public List<string> Hidden { get; set; } = [];

    /// <summary>Column descriptions by column name.</summary>
    public Dictionary<string, string> Columns { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
