namespace Assistant.Rag.Graph;

/// <summary>
/// The syntax tree the parser builds and the executor walks. Kept together in one file on purpose: it is one closed set
/// of small records that is only ever read as a whole (the parser writes it, the guard and the executor read it).
/// </summary>
internal static class CypherAst
{
    /// <summary>An expression; <see cref="Text"/> is its source text, which names a RETURN column without an alias.</summary>
    internal abstract record Expr
    {
        public string Text { get; init; } = "";

        public int Position { get; init; }
    }

    internal sealed record Literal(object? Value) : Expr;

    internal sealed record Parameter(string Name) : Expr;

    internal sealed record Variable(string Name) : Expr;

    internal sealed record Property(Expr Target, string Key) : Expr;

    internal sealed record IndexAt(Expr Target, Expr Key) : Expr;

    internal sealed record Slice(Expr Target, Expr? From, Expr? To) : Expr;

    internal sealed record Unary(string Op, Expr Operand) : Expr;

    internal sealed record Binary(string Op, Expr Left, Expr Right) : Expr;

    internal sealed record IsNull(Expr Operand, bool Negated) : Expr;

    internal sealed record HasLabels(Expr Operand, IReadOnlyList<string> Labels) : Expr;

    internal sealed record ListLiteral(IReadOnlyList<Expr> Items) : Expr;

    internal sealed record MapLiteral(IReadOnlyList<KeyValuePair<string, Expr>> Entries) : Expr;

    /// <summary>A function call; aggregates (count, collect, sum, avg, min, max) included. <c>count(*)</c> has Star set.</summary>
    internal sealed record Call(string Name, bool Distinct, IReadOnlyList<Expr> Arguments, bool Star) : Expr;

    internal sealed record Case(Expr? Subject, IReadOnlyList<KeyValuePair<Expr, Expr>> Branches, Expr? Else) : Expr;

    /// <summary><c>[x IN list WHERE predicate | projection]</c>.</summary>
    internal sealed record ListComprehension(string Variable, Expr List, Expr? Where, Expr? Projection) : Expr;

    /// <summary><c>any/all/none/single(x IN list WHERE predicate)</c>.</summary>
    internal sealed record Quantifier(string Kind, string Variable, Expr List, Expr? Where) : Expr;

    /// <summary><c>reduce(acc = init, x IN list | expression)</c>.</summary>
    internal sealed record Reduce(string Accumulator, Expr Initial, string Variable, Expr List, Expr Expression) : Expr;

    /// <summary>A pattern used as a predicate in WHERE: true when it matches at least once.</summary>
    internal sealed record PatternPredicate(PatternPart Pattern) : Expr;

    /// <summary><c>EXISTS { MATCH … WHERE … }</c> or <c>EXISTS { pattern WHERE … }</c>.</summary>
    internal sealed record Exists(IReadOnlyList<Clause> Clauses) : Expr;

    /// <summary><c>COUNT { MATCH … WHERE … }</c> or <c>COUNT { pattern WHERE … }</c>: how many rows the subquery yields.</summary>
    internal sealed record CountSubquery(IReadOnlyList<Clause> Clauses) : Expr;

    internal enum Direction
    {
        Outgoing,
        Incoming,
        Either,
    }

    internal sealed record NodePattern(string? Variable, IReadOnlyList<string> Labels, Expr? Properties, int Position);

    /// <summary>A relationship pattern; <see cref="VariableLength"/> with MinHops/MaxHops (null max: unbounded).</summary>
    internal sealed record RelationshipPattern(
        string? Variable,
        IReadOnlyList<string> Types,
        Expr? Properties,
        Direction Direction,
        bool VariableLength,
        int MinHops,
        int? MaxHops,
        int Position);

    /// <summary>One comma-separated part of a pattern: nodes joined by relationships, maybe named, maybe a shortest path.</summary>
    internal sealed record PatternPart(
        string? PathVariable,
        IReadOnlyList<NodePattern> Nodes,
        IReadOnlyList<RelationshipPattern> Relationships,
        string? Shortest,
        int Position);

    internal abstract record Clause(int Position);

    internal sealed record Match(bool Optional, IReadOnlyList<PatternPart> Pattern, Expr? Where, int Position) : Clause(Position);

    internal sealed record Unwind(Expr List, string Variable, int Position) : Clause(Position);

    internal sealed record With(Projection Projection, Expr? Where, int Position) : Clause(Position);

    internal sealed record Return(Projection Projection, int Position) : Clause(Position);

    /// <summary>CREATE: run by the loader only; the guard and the executor refuse it.</summary>
    internal sealed record Create(IReadOnlyList<PatternPart> Pattern, int Position) : Clause(Position);

    /// <summary>CREATE INDEX / CREATE CONSTRAINT … FOR (n:Label) ON|REQUIRE (n.property): the loader indexes the pair.</summary>
    internal sealed record CreateIndex(string Label, IReadOnlyList<string> Properties, int Position) : Clause(Position);

    internal sealed record ProjectionItem(Expr Expression, string Name, bool Aliased);

    internal sealed record SortItem(Expr Expression, bool Descending);

    internal sealed record Projection(
        bool Distinct,
        bool Star,
        IReadOnlyList<ProjectionItem> Items,
        IReadOnlyList<SortItem> OrderBy,
        Expr? Skip,
        Expr? Limit);

    /// <summary>One query: its clauses in order.</summary>
    internal sealed record SingleQuery(IReadOnlyList<Clause> Clauses);

    /// <summary>A statement: one query, or several joined by UNION (<see cref="UnionAll"/> keeps duplicates).</summary>
    internal sealed record Statement(IReadOnlyList<SingleQuery> Parts, bool UnionAll);
}
