namespace Assistant.Rag.Sql;

/// <summary>A database value a question names: <paramref name="Column"/> (table.column) = <paramref name="Value"/>, at a span.</summary>
internal sealed record ValueMention(string Column, string Value, int Start, int Length);
