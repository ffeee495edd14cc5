namespace Assistant.Rag.Sql;

/// <summary>A column as introspected.</summary>
/// <param name="Name">Its name as the database spells it.</param>
/// <param name="Type">Its declared type.</param>
/// <param name="IsPrimaryKey">True when part of the table's primary key.</param>
/// <param name="Values">The distinct values of a low-cardinality text column (for value linking), else empty.</param>
public sealed record ColumnSchema(string Name, string Type, bool IsPrimaryKey, IReadOnlyList<string> Values);
