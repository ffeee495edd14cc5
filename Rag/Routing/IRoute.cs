namespace Assistant.Rag.Routing;

/// <summary>
/// What the router sees of a route, text (<see cref="IRetrievalRoute"/>) or structured
/// (<see cref="Retrieval.IStructuredRoute"/>): its name and what it answers well.
/// </summary>
public interface IRoute
{
    /// <summary>Stable lower-case name ("vector", "keyword", "graph", "sql"); it names the route in answers, logs and fusion.</summary>
    string Name { get; }

    /// <summary>
    /// What the route answers well, in a sentence or two, for the LLM router's prompt. For sql and graph this is the
    /// schema summary (tables and columns, node labels and relationship types), without any data.
    /// </summary>
    string Description { get; }
}
