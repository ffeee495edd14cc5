namespace Assistant.Rag.Sql;

/// <summary>A foreign key: <paramref name="Column"/> of the table refers to <paramref name="ReferencedColumn"/> of <paramref name="ReferencedTable"/>.</summary>
public sealed record ForeignKeySchema(string Column, string ReferencedTable, string ReferencedColumn);
