namespace Assistant.Rag.Sql;

/// <summary>A table as introspected: columns, foreign keys and row count.</summary>
public sealed record TableSchema(string Name, IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<ForeignKeySchema> ForeignKeys, long RowCount)
{
    /// <summary>The column named <paramref name="name"/> (case-insensitive), or null.</summary>
    public ColumnSchema? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
