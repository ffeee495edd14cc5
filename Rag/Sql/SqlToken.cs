namespace Assistant.Rag.Sql;

/// <summary>One lexical token of a SQL text, with its place in it.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Start)
{
    public int End => Start + Text.Length;

    /// <summary>A string literal's value without quotes and with doubled quotes undone.</summary>
    public string StringValue => Kind == SqlTokenKind.String ? Text[1..^1].Replace("''", "'", StringComparison.Ordinal) : Text;
}
