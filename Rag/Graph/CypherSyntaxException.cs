namespace Assistant.Rag.Graph;

/// <summary>A query the parser does not accept: unsupported or malformed syntax, with where it was found.</summary>
/// <param name="message">What was wrong, without the position.</param>
/// <param name="position">Zero-based character offset into the query.</param>
/// <param name="line">One-based line.</param>
/// <param name="column">One-based column.</param>
public sealed class CypherSyntaxException(string message, int position, int line, int column)
    : Exception($"{message} (line {line}, column {column})")
{
    /// <summary>Zero-based character offset into the query where the problem starts.</summary>
    public int Position { get; } = position;

    /// <summary>One-based line of <see cref="Position"/>.</summary>
    public int Line { get; } = line;

    /// <summary>One-based column of <see cref="Position"/>.</summary>
    public int Column { get; } = column;
}
