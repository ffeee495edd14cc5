namespace Assistant.Rag.Graph;

/// <summary>One token of a Cypher query: its kind, its text (unescaped for strings) and where it starts.</summary>
internal readonly record struct CypherToken(CypherTokenKind Kind, string Text, int Position)
{
    /// <summary>True for an unquoted identifier spelling <paramref name="keyword"/> in any case.</summary>
    public bool IsKeyword(string keyword) => Kind == CypherTokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == CypherTokenKind.Symbol && Text == symbol;
}
