namespace Assistant.Rag.Graph;

/// <summary>What a <see cref="CypherToken"/> is.</summary>
internal enum CypherTokenKind
{
    Identifier,
    QuotedIdentifier,
    String,
    Integer,
    Float,
    Parameter,
    Symbol,
    End,
}
