namespace Assistant.Rag.Sql;

/// <summary>A phrase that names a database value: "network team" → teams.name = 'Network'.</summary>
internal sealed class SemanticAlias
{
    public string Phrase { get; set; } = string.Empty;

    /// <summary>table.column.</summary>
    public string Column { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
