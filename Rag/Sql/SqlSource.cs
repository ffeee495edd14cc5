namespace Assistant.Rag.Sql;

/// <summary>One database with what the route knows of it: schema, exposure, value linker, embedded examples and (for the LLM path) embedded table descriptions.</summary>
internal sealed record SqlSource(
    SqlDatabaseOptions Options,
    ISqlDatabase Database,
    SemanticModel Semantic,
    DatabaseSchema Schema,
    SqlExposure Exposure,
    ValueLinker Linker,
    IReadOnlyList<SqlExample> Examples,
    IReadOnlyList<float[]> Vectors,
    IReadOnlyList<string> Skeletons,
    IReadOnlyList<(string Table, float[] Vector)> TableVectors);
