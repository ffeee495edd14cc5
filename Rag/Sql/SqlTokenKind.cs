namespace Assistant.Rag.Sql;

/// <summary>Kinds of <see cref="SqlToken"/>.</summary>
internal enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Symbol,
    Comment,
}
