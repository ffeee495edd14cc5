namespace Assistant.Rag.Routing;

/// <summary>The names of the four kinds of route the router knows.</summary>
public static class RouteNames
{
    /// <summary>Dense retrieval over chunk embeddings.</summary>
    public const string Vector = "vector";

    /// <summary>BM25 over chunk text.</summary>
    public const string Keyword = "keyword";

    /// <summary>The knowledge graph (Text2Cypher): people, teams, offices, vendors, systems and how they relate.</summary>
    public const string Graph = "graph";

    /// <summary>The SQL database (NL2SQL): counts, totals, averages, rankings and lists over records.</summary>
    public const string Sql = "sql";

    /// <summary>All four, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } = [Vector, Keyword, Graph, Sql];

    /// <summary>Position of <paramref name="name"/> in <see cref="All"/> (ties between routes break in this order); unknown names sort last.</summary>
    public static int Order(string name) => name switch { Vector => 0, Keyword => 1, Graph => 2, Sql => 3, _ => 4 };

    /// <summary>True for the routes that search the knowledge base's text (vector, keyword).</summary>
    public static bool IsText(string name) => name is Vector or Keyword;
}
