using System.Globalization;
using static Assistant.Rag.Graph.CypherAst;

namespace Assistant.Rag.Graph;

/// <summary>
/// Recursive-descent parser for the Cypher this engine runs: read clauses (MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND,
/// RETURN, ORDER BY, SKIP, LIMIT, UNION) and, for the loader only, CREATE and CREATE INDEX/CONSTRAINT. Every other
/// clause (MERGE, SET, DELETE, REMOVE, CALL, LOAD CSV, FOREACH, …) is a syntax error naming the keyword and its position.
/// </summary>
internal sealed class CypherParser
{
    private static readonly HashSet<string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "CALL", "LOAD", "FOREACH", "DROP", "USE", "EXPLAIN", "PROFILE",
        "START", "ALTER", "GRANT", "DENY", "REVOKE", "SHOW", "TERMINATE", "FINISH", "INSERT", "COPY", "ATTACH", "INSTALL",
    };

    private static readonly HashSet<string> ClauseStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CREATE", "UNION", "WHERE", "ORDER", "SKIP", "LIMIT",
    };

    private readonly string _text;
    private readonly List<CypherToken> _tokens;
    private int _at;

    private CypherParser(string text)
    {
        _text = text;
        _tokens = CypherLexer.Tokenize(text, out var hadComments);
        HadComments = hadComments;
    }

    /// <summary>True when the text contained comments (the guard refuses them in questions' queries).</summary>
    public bool HadComments { get; }

    /// <summary>Parses one statement (a trailing semicolon is allowed).</summary>
    /// <exception cref="CypherSyntaxException">The text is not a statement this engine supports.</exception>
    public static Statement ParseStatement(string text) => ParseStatement(text, out _);

    /// <inheritdoc cref="ParseStatement(string)"/>
    public static Statement ParseStatement(string text, out bool hadComments)
    {
        var parser = new CypherParser(text);
        hadComments = parser.HadComments;
        var statement = parser.Statement();
        if (parser.Peek.IsSymbol(";"))
        {
            parser._at++;
        }

        if (parser.Peek.Kind != CypherTokenKind.End)
        {
            throw parser.Error(parser.Peek, parser.Peek.IsSymbol(";") ? "Only one statement is allowed" : $"Unexpected '{parser.Peek.Text}'");
        }

        return statement;
    }

    /// <summary>Parses a script of statements separated by semicolons (the loader's input).</summary>
    public static List<Statement> ParseScript(string text)
    {
        var parser = new CypherParser(text);
        var statements = new List<Statement>();
        while (parser.Peek.Kind != CypherTokenKind.End)
        {
            if (parser.Peek.IsSymbol(";"))
            {
                parser._at++;
                continue;
            }

            statements.Add(parser.Statement());
            if (!parser.Peek.IsSymbol(";") && parser.Peek.Kind != CypherTokenKind.End)
            {
                throw parser.Error(parser.Peek, $"Expected ';' or a clause but found '{parser.Peek.Text}'");
            }
        }

        return statements;
    }

    private CypherToken Peek => _tokens[_at];

    private CypherToken PeekAt(int offset) => _tokens[Math.Min(_at + offset, _tokens.Count - 1)];

    private Statement Statement()
    {
        var parts = new List<SingleQuery> { new(Clauses()) };
        bool? all = null;
        while (Peek.IsKeyword("UNION"))
        {
            var union = Next();
            var isAll = Accept("ALL");
            if (all is not null && all != isAll)
            {
                throw Error(union, "UNION and UNION ALL cannot be mixed");
            }

            all = isAll;
            parts.Add(new SingleQuery(Clauses()));
        }

        return new Statement(parts, all ?? false);
    }

    private List<Clause> Clauses()
    {
        var clauses = new List<Clause>();
        while (true)
        {
            var token = Peek;
            if (token.Kind == CypherTokenKind.End || token.IsSymbol(";") || token.IsSymbol("}") || token.IsKeyword("UNION"))
            {
                break;
            }

            if (token.Kind == CypherTokenKind.Identifier && Refused.Contains(token.Text))
            {
                throw Error(token, $"'{token.Text.ToUpperInvariant()}' is not supported: the graph is queried read-only");
            }

            clauses.Add(Clause());
        }

        if (clauses.Count == 0)
        {
            throw Error(Peek, "Expected a clause (MATCH, WITH, UNWIND, RETURN)");
        }

        return clauses;
    }

    private Clause Clause()
    {
        var token = Peek;
        if (Accept("OPTIONAL"))
        {
            Expect("MATCH");
            return MatchClause(true, token.Position);
        }

        if (Accept("MATCH"))
        {
            return MatchClause(false, token.Position);
        }

        if (Accept("UNWIND"))
        {
            var list = Expression();
            Expect("AS");
            return new Unwind(list, Name(), token.Position);
        }

        if (Accept("WITH"))
        {
            var projection = ProjectionBody();
            var where = Accept("WHERE") ? Expression() : null;
            return new With(projection, where, token.Position);
        }

        if (Accept("RETURN"))
        {
            return new Return(ProjectionBody(), token.Position);
        }

        if (Accept("CREATE"))
        {
            if (Peek.IsKeyword("INDEX") || Peek.IsKeyword("CONSTRAINT"))
            {
                return SchemaClause(token.Position);
            }

            return new Create(Pattern(), token.Position);
        }

        throw Error(token, $"Unexpected '{token.Text}': expected MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN");
    }

    private Match MatchClause(bool optional, int position)
    {
        var pattern = Pattern();
        var where = Accept("WHERE") ? Expression() : null;
        return new Match(optional, pattern, where, position);
    }

    private CreateIndex SchemaClause(int position)
    {
        // CREATE INDEX|CONSTRAINT [name] [IF NOT EXISTS] FOR (n:Label) ON|REQUIRE (n.p [, n.p]) [IS UNIQUE|IS NODE KEY …]
        Next();
        while (!Peek.IsKeyword("FOR") && Peek.Kind != CypherTokenKind.End)
        {
            Next();
        }

        Expect("FOR");
        ExpectSymbol("(");
        Name();
        ExpectSymbol(":");
        var label = Name();
        ExpectSymbol(")");
        if (!Accept("ON") && !Accept("REQUIRE"))
        {
            throw Error(Peek, "Expected ON or REQUIRE");
        }

        ExpectSymbol("(");
        var properties = new List<string>();
        do
        {
            Name();
            ExpectSymbol(".");
            properties.Add(Name());
        }
        while (AcceptSymbol(","));

        ExpectSymbol(")");
        while (!Peek.IsSymbol(";") && Peek.Kind != CypherTokenKind.End)
        {
            Next();
        }

        return new CreateIndex(label, properties, position);
    }

    private Projection ProjectionBody()
    {
        var distinct = Accept("DISTINCT");
        var star = false;
        var items = new List<ProjectionItem>();
        if (AcceptSymbol("*"))
        {
            star = true;
            if (!AcceptSymbol(","))
            {
                return ProjectionTail(distinct, star, items);
            }
        }

        do
        {
            var expression = Expression();
            if (Accept("AS"))
            {
                items.Add(new ProjectionItem(expression, Name(), true));
            }
            else
            {
                items.Add(new ProjectionItem(expression, expression.Text, false));
            }
        }
        while (AcceptSymbol(","));

        return ProjectionTail(distinct, star, items);
    }

    private Projection ProjectionTail(bool distinct, bool star, List<ProjectionItem> items)
    {
        var order = new List<SortItem>();
        if (Accept("ORDER"))
        {
            Expect("BY");
            do
            {
                var expression = Expression();
                var descending = false;
                if (Accept("DESC") || Accept("DESCENDING"))
                {
                    descending = true;
                }
                else if (!Accept("ASC"))
                {
                    Accept("ASCENDING");
                }

                order.Add(new SortItem(expression, descending));
            }
            while (AcceptSymbol(","));
        }

        var skip = Accept("SKIP") || Accept("OFFSET") ? Expression() : null;
        var limit = Accept("LIMIT") ? Expression() : null;
        return new Projection(distinct, star, items, order, skip, limit);
    }

    private List<PatternPart> Pattern()
    {
        var parts = new List<PatternPart>();
        do
        {
            parts.Add(PatternPartRule());
        }
        while (AcceptSymbol(","));

        return parts;
    }

    private PatternPart PatternPartRule()
    {
        var start = Peek.Position;
        string? pathVariable = null;
        if (IsName(Peek) && PeekAt(1).IsSymbol("="))
        {
            pathVariable = Name();
            Next();
        }

        string? shortest = null;
        if ((Peek.IsKeyword("shortestPath") || Peek.IsKeyword("allShortestPaths")) && PeekAt(1).IsSymbol("("))
        {
            shortest = Next().Text.Equals("shortestPath", StringComparison.OrdinalIgnoreCase) ? "shortestPath" : "allShortestPaths";
            Next();
        }

        var nodes = new List<NodePattern> { NodePatternRule() };
        var relationships = new List<RelationshipPattern>();
        while (Peek.IsSymbol("-") || Peek.IsSymbol("<-"))
        {
            relationships.Add(RelationshipPatternRule());
            nodes.Add(NodePatternRule());
        }

        if (shortest is not null)
        {
            ExpectSymbol(")");
            if (relationships.Count != 1)
            {
                throw CypherLexer.Error(_text, start, $"{shortest} needs exactly one relationship pattern");
            }
        }

        return new PatternPart(pathVariable, nodes, relationships, shortest, start);
    }

    private NodePattern NodePatternRule()
    {
        var open = ExpectSymbol("(");
        string? variable = IsName(Peek) ? Name() : null;
        var labels = new List<string>();
        while (AcceptSymbol(":"))
        {
            labels.Add(Name());
        }

        var properties = MaybeProperties();
        ExpectSymbol(")");
        return new NodePattern(variable, labels, properties, open.Position);
    }

    private Expr? MaybeProperties()
    {
        if (Peek.IsSymbol("{"))
        {
            return MapLiteralRule();
        }

        if (Peek.Kind == CypherTokenKind.Parameter)
        {
            var token = Next();
            return new Parameter(token.Text) { Text = "$" + token.Text, Position = token.Position };
        }

        return null;
    }

    private RelationshipPattern RelationshipPatternRule()
    {
        var start = Peek;
        var incoming = AcceptSymbol("<-");
        if (!incoming)
        {
            ExpectSymbol("-");
        }

        string? variable = null;
        var types = new List<string>();
        Expr? properties = null;
        var variableLength = false;
        var min = 1;
        int? max = 1;
        if (AcceptSymbol("["))
        {
            variable = IsName(Peek) ? Name() : null;
            if (AcceptSymbol(":"))
            {
                types.Add(Name());
                while (AcceptSymbol("|"))
                {
                    AcceptSymbol(":");
                    types.Add(Name());
                }
            }

            if (AcceptSymbol("*"))
            {
                variableLength = true;
                min = 1;
                max = null;
                if (Peek.Kind == CypherTokenKind.Integer)
                {
                    min = Hops();
                    max = min;
                    if (AcceptSymbol(".."))
                    {
                        max = Peek.Kind == CypherTokenKind.Integer ? Hops() : null;
                    }
                }
                else if (AcceptSymbol(".."))
                {
                    max = Peek.Kind == CypherTokenKind.Integer ? Hops() : null;
                }
            }

            properties = MaybeProperties();
            ExpectSymbol("]");
        }

        var outgoing = AcceptSymbol("->");
        if (!outgoing)
        {
            ExpectSymbol("-");
        }

        if (incoming && outgoing)
        {
            throw Error(start, "A relationship cannot point both ways");
        }

        var direction = incoming ? Direction.Incoming : outgoing ? Direction.Outgoing : Direction.Either;
        return new RelationshipPattern(variable, types, properties, direction, variableLength, min, max, start.Position);
    }

    private int Hops()
    {
        var token = Next();
        if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var hops) || hops > 10_000)
        {
            throw Error(token, "Hop count out of range");
        }

        return hops;
    }

    private Expr Expression() => Or();

    private Expr Or()
    {
        var left = Xor();
        while (Peek.IsKeyword("OR"))
        {
            Next();
            left = Make(new Binary("OR", left, Xor()), left.Position);
        }

        return left;
    }

    private Expr Xor()
    {
        var left = And();
        while (Peek.IsKeyword("XOR"))
        {
            Next();
            left = Make(new Binary("XOR", left, And()), left.Position);
        }

        return left;
    }

    private Expr And()
    {
        var left = Not();
        while (Peek.IsKeyword("AND"))
        {
            Next();
            left = Make(new Binary("AND", left, Not()), left.Position);
        }

        return left;
    }

    private Expr Not()
    {
        if (Peek.IsKeyword("NOT"))
        {
            var token = Next();
            return Make(new Unary("NOT", Not()), token.Position);
        }

        return Comparison();
    }

    private Expr Comparison()
    {
        var left = Additive();
        while (true)
        {
            var token = Peek;
            string? op = token.Kind == CypherTokenKind.Symbol && token.Text is "=" or "<>" or "<" or ">" or "<=" or ">=" or "=~" ? token.Text : null;
            if (op is not null)
            {
                Next();
                left = Make(new Binary(op, left, Additive()), left.Position);
            }
            else if (token.IsKeyword("STARTS") || token.IsKeyword("ENDS"))
            {
                Next();
                Expect("WITH");
                left = Make(new Binary(token.Text.ToUpperInvariant(), left, Additive()), left.Position);
            }
            else if (token.IsKeyword("CONTAINS"))
            {
                Next();
                left = Make(new Binary("CONTAINS", left, Additive()), left.Position);
            }
            else if (token.IsKeyword("IN"))
            {
                Next();
                left = Make(new Binary("IN", left, Additive()), left.Position);
            }
            else if (token.IsKeyword("IS"))
            {
                Next();
                var negated = Accept("NOT");
                Expect("NULL");
                left = Make(new IsNull(left, negated), left.Position);
            }
            else
            {
                return left;
            }
        }
    }

    private Expr Additive()
    {
        var left = Multiplicative();
        while ((Peek.IsSymbol("+") || Peek.IsSymbol("-")) && !LooksLikeRelationship())
        {
            var op = Next().Text;
            left = Make(new Binary(op, left, Multiplicative()), left.Position);
        }

        return left;
    }

    // "p-[:ACTED_IN]->m" (a pattern without parentheses, Cypher 3) would otherwise read as a subtraction of a list.
    private bool LooksLikeRelationship()
    {
        if (Peek.IsSymbol("-") && PeekAt(1).IsSymbol("[") && (PeekAt(2).IsSymbol(":") || (IsName(PeekAt(2)) && PeekAt(3).IsSymbol(":"))))
        {
            throw Error(Peek, "A pattern needs parentheses around its nodes, e.g. (p)-[:TYPE]->(m)");
        }

        return false;
    }

    private Expr Multiplicative()
    {
        var left = Power();
        while (Peek.IsSymbol("*") || Peek.IsSymbol("/") || Peek.IsSymbol("%"))
        {
            var op = Next().Text;
            left = Make(new Binary(op, left, Power()), left.Position);
        }

        return left;
    }

    private Expr Power()
    {
        var left = UnaryRule();
        while (Peek.IsSymbol("^"))
        {
            Next();
            left = Make(new Binary("^", left, UnaryRule()), left.Position);
        }

        return left;
    }

    private Expr UnaryRule()
    {
        if (Peek.IsSymbol("-") || Peek.IsSymbol("+"))
        {
            var token = Next();
            var operand = UnaryRule();
            if (token.Text == "-" && operand is Literal { Value: long l })
            {
                return Make(new Literal(-l), token.Position);
            }

            if (token.Text == "-" && operand is Literal { Value: double d })
            {
                return Make(new Literal(-d), token.Position);
            }

            return Make(new Unary(token.Text, operand), token.Position);
        }

        return Postfix();
    }

    private Expr Postfix()
    {
        var expression = Atom();
        while (true)
        {
            if (Peek.IsSymbol(".") && IsName(PeekAt(1)))
            {
                Next();
                expression = Make(new Property(expression, Name()), expression.Position);
            }
            else if (Peek.IsSymbol("["))
            {
                Next();
                Expr? from = Peek.IsSymbol("..") ? null : Expression();
                if (AcceptSymbol(".."))
                {
                    Expr? to = Peek.IsSymbol("]") ? null : Expression();
                    ExpectSymbol("]");
                    expression = Make(new Slice(expression, from, to), expression.Position);
                }
                else
                {
                    ExpectSymbol("]");
                    expression = Make(new IndexAt(expression, from!), expression.Position);
                }
            }
            else if (Peek.IsSymbol(":") && expression is Variable && IsName(PeekAt(1)))
            {
                var labels = new List<string>();
                while (AcceptSymbol(":"))
                {
                    labels.Add(Name());
                }

                expression = Make(new HasLabels(expression, labels), expression.Position);
            }
            else
            {
                return expression;
            }
        }
    }

    private Expr Atom()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case CypherTokenKind.Integer:
                Next();
                if (!long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
                {
                    throw Error(token, "Integer out of range");
                }

                return Make(new Literal(integer), token.Position);
            case CypherTokenKind.Float:
                Next();
                return Make(new Literal(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)), token.Position);
            case CypherTokenKind.String:
                Next();
                return Make(new Literal(token.Text), token.Position);
            case CypherTokenKind.Parameter:
                Next();
                return Make(new Parameter(token.Text), token.Position);
            case CypherTokenKind.End:
                throw Error(token, "Unexpected end of query");
        }

        if (token.IsSymbol("["))
        {
            return ListRule();
        }

        if (token.IsSymbol("{"))
        {
            return MapLiteralRule();
        }

        if (token.IsSymbol("("))
        {
            return ParenthesisedOrPattern();
        }

        if (token.Kind == CypherTokenKind.Identifier)
        {
            return IdentifierAtom(token);
        }

        if (token.Kind == CypherTokenKind.QuotedIdentifier)
        {
            Next();
            return Make(new Variable(token.Text), token.Position);
        }

        throw Error(token, $"Unexpected '{token.Text}'");
    }

    private Expr IdentifierAtom(CypherToken token)
    {
        var word = token.Text.ToUpperInvariant();
        switch (word)
        {
            case "TRUE":
                Next();
                return Make(new Literal(true), token.Position);
            case "FALSE":
                Next();
                return Make(new Literal(false), token.Position);
            case "NULL":
                Next();
                return Make(new Literal(null), token.Position);
            case "CASE":
                return CaseRule();
            case "EXISTS" when PeekAt(1).IsSymbol("{"):
                return ExistsRule(count: false);
            case "ANY" or "ALL" or "NONE" or "SINGLE" when PeekAt(1).IsSymbol("(") && IsName(PeekAt(2)) && PeekAt(3).IsKeyword("IN"):
                return QuantifierRule(word.ToLowerInvariant());
            case "REDUCE" when PeekAt(1).IsSymbol("("):
                return ReduceRule();
            case "COUNT" when PeekAt(1).IsSymbol("{"):
                return ExistsRule(count: true);
        }

        if (Refused.Contains(token.Text) || (ClauseStarts.Contains(token.Text) && !PeekAt(1).IsSymbol("(")))
        {
            throw Error(token, $"Unexpected '{token.Text}'");
        }

        // A function call, possibly namespaced (e.g. apoc.text.join is refused later as unknown).
        var name = token.Text;
        var lookahead = 1;
        while (PeekAt(lookahead).IsSymbol(".") && IsName(PeekAt(lookahead + 1)))
        {
            lookahead += 2;
        }

        if (PeekAt(lookahead).IsSymbol("("))
        {
            for (var i = 0; i < lookahead; i++)
            {
                name = i == 0 ? Next().Text : name + Next().Text;
            }

            Next();
            var distinct = Accept("DISTINCT");
            if (AcceptSymbol("*"))
            {
                ExpectSymbol(")");
                return Make(new Call(name.ToLowerInvariant(), false, [], true), token.Position);
            }

            var arguments = new List<Expr>();
            if (!Peek.IsSymbol(")"))
            {
                do
                {
                    arguments.Add(Expression());
                }
                while (AcceptSymbol(","));
            }

            ExpectSymbol(")");
            return Make(new Call(name.ToLowerInvariant(), distinct, arguments, false), token.Position);
        }

        Next();
        return Make(new Variable(token.Text), token.Position);
    }

    private Expr ParenthesisedOrPattern()
    {
        var start = _at;
        var position = Peek.Position;
        try
        {
            var part = PatternPartRule();
            if (part.Relationships.Count > 0)
            {
                return Make(new PatternPredicate(part), position);
            }
        }
        catch (CypherSyntaxException)
        {
            // Not a pattern: read it as a parenthesised expression below.
        }

        _at = start;
        Next();
        var inner = Expression();
        ExpectSymbol(")");
        return Make(inner with { }, position);
    }

    private Expr ListRule()
    {
        var open = Next();
        if (IsName(Peek) && PeekAt(1).IsKeyword("IN"))
        {
            var variable = Name();
            Next();
            var list = Expression();
            var where = Accept("WHERE") ? Expression() : null;
            var projection = AcceptSymbol("|") ? Expression() : null;
            ExpectSymbol("]");
            return Make(new ListComprehension(variable, list, where, projection), open.Position);
        }

        if (Peek.IsSymbol("("))
        {
            var save = _at;
            try
            {
                PatternPartRule();
                if (Peek.IsSymbol("|") || Peek.IsKeyword("WHERE"))
                {
                    throw Error(open, "Pattern comprehensions are not supported; use OPTIONAL MATCH with collect()");
                }
            }
            catch (CypherSyntaxException ex) when (!ex.Message.StartsWith("Pattern comprehensions", StringComparison.Ordinal))
            {
                // Not a pattern: an ordinary list.
            }

            _at = save;
        }

        var items = new List<Expr>();
        if (!Peek.IsSymbol("]"))
        {
            do
            {
                items.Add(Expression());
            }
            while (AcceptSymbol(","));
        }

        ExpectSymbol("]");
        return Make(new ListLiteral(items), open.Position);
    }

    private Expr MapLiteralRule()
    {
        var open = ExpectSymbol("{");
        var entries = new List<KeyValuePair<string, Expr>>();
        if (!Peek.IsSymbol("}"))
        {
            do
            {
                var key = Peek.Kind == CypherTokenKind.String ? Next().Text : Name();
                ExpectSymbol(":");
                entries.Add(new(key, Expression()));
            }
            while (AcceptSymbol(","));
        }

        ExpectSymbol("}");
        return Make(new MapLiteral(entries), open.Position);
    }

    private Expr CaseRule()
    {
        var token = Next();
        Expr? subject = Peek.IsKeyword("WHEN") ? null : Expression();
        var branches = new List<KeyValuePair<Expr, Expr>>();
        while (Accept("WHEN"))
        {
            var when = Expression();
            Expect("THEN");
            branches.Add(new(when, Expression()));
        }

        if (branches.Count == 0)
        {
            throw Error(Peek, "CASE needs at least one WHEN … THEN");
        }

        var otherwise = Accept("ELSE") ? Expression() : null;
        Expect("END");
        return Make(new Case(subject, branches, otherwise), token.Position);
    }

    private Expr ExistsRule(bool count)
    {
        var token = Next();
        ExpectSymbol("{");
        List<Clause> clauses;
        if (Peek.IsKeyword("MATCH") || Peek.IsKeyword("OPTIONAL") || Peek.IsKeyword("WITH") || Peek.IsKeyword("UNWIND"))
        {
            clauses = Clauses();
            if (clauses.Any(c => c is not (Match or With or Unwind or Return)))
            {
                throw Error(token, $"{token.Text.ToUpperInvariant()} {{ }} may only read");
            }
        }
        else
        {
            var pattern = Pattern();
            var where = Accept("WHERE") ? Expression() : null;
            clauses = [new Match(false, pattern, where, token.Position)];
        }

        ExpectSymbol("}");
        return count ? Make(new CountSubquery(clauses), token.Position) : Make(new Exists(clauses), token.Position);
    }

    private Expr QuantifierRule(string kind)
    {
        var token = Next();
        ExpectSymbol("(");
        var variable = Name();
        Expect("IN");
        var list = Expression();
        var where = Accept("WHERE") ? Expression() : null;
        ExpectSymbol(")");
        return Make(new Quantifier(kind, variable, list, where), token.Position);
    }

    private Expr ReduceRule()
    {
        var token = Next();
        ExpectSymbol("(");
        var accumulator = Name();
        ExpectSymbol("=");
        var initial = Expression();
        ExpectSymbol(",");
        var variable = Name();
        Expect("IN");
        var list = Expression();
        ExpectSymbol("|");
        var expression = Expression();
        ExpectSymbol(")");
        return Make(new Reduce(accumulator, initial, variable, list, expression), token.Position);
    }

    private T Make<T>(T expression, int start)
        where T : Expr
    {
        var end = _at > 0 ? _tokens[_at - 1] : _tokens[0];
        var endPosition = end.Kind == CypherTokenKind.String ? FindStringEnd(end.Position) : end.Position + end.Text.Length + (end.Kind is CypherTokenKind.Parameter ? 1 : end.Kind is CypherTokenKind.QuotedIdentifier ? 2 : 0);
        var text = endPosition > start && endPosition <= _text.Length ? _text[start..endPosition] : "";
        return expression with { Text = text, Position = start };
    }

    private int FindStringEnd(int start)
    {
        var quote = _text[start];
        for (var i = start + 1; i < _text.Length; i++)
        {
            if (_text[i] == '\\')
            {
                i++;
            }
            else if (_text[i] == quote)
            {
                return i + 1;
            }
        }

        return _text.Length;
    }

    private static bool IsName(CypherToken token) => token.Kind is CypherTokenKind.Identifier or CypherTokenKind.QuotedIdentifier;

    private string Name()
    {
        var token = Peek;
        if (!IsName(token))
        {
            throw Error(token, token.Kind == CypherTokenKind.End ? "Unexpected end of query: expected a name" : $"Expected a name but found '{token.Text}'");
        }

        _at++;
        return token.Text;
    }

    private CypherToken Next() => _tokens[_at < _tokens.Count - 1 ? _at++ : _at];

    private bool Accept(string keyword)
    {
        if (Peek.IsKeyword(keyword))
        {
            _at++;
            return true;
        }

        return false;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (Peek.IsSymbol(symbol))
        {
            _at++;
            return true;
        }

        return false;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword))
        {
            throw Error(Peek, $"Expected {keyword} but found {Describe(Peek)}");
        }
    }

    private CypherToken ExpectSymbol(string symbol)
    {
        var token = Peek;
        if (!AcceptSymbol(symbol))
        {
            throw Error(token, $"Expected '{symbol}' but found {Describe(token)}");
        }

        return token;
    }

    private static string Describe(CypherToken token) => token.Kind == CypherTokenKind.End ? "the end of the query" : $"'{token.Text}'";

    private CypherSyntaxException Error(CypherToken token, string message) => CypherLexer.Error(_text, token.Position, message);
}
