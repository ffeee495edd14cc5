namespace Assistant.Rag.Sql;

/// <summary>What introspection found in one database, and when.</summary>
public sealed record DatabaseSchema(string Database, string Provider, IReadOnlyList<TableSchema> Tables, DateTimeOffset ReadAt)
{
    /// <summary>The table named <paramref name="name"/> (case-insensitive), or null.</summary>
    public TableSchema? Table(string name) => Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>One line per table: name, row count and columns (no data beyond counts).</summary>
    public string Summary() => string.Join('\n', Tables.Select(t => $"{t.Name} ({t.RowCount} rows): {string.Join(", ", t.Columns.Select(c => c.Name))}"));
}
