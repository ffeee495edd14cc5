namespace Assistant.Rag.Graph;

/// <summary>A loaded graph with everything the route derives from it: the linker, the examples and their embeddings.</summary>
internal sealed record GraphState(
    PropertyGraph Graph,
    GraphLinker Linker,
    IReadOnlyList<GraphExample> Examples,
    IReadOnlyList<float[]> Vectors,
    IReadOnlyList<string> Skeletons,
    IReadOnlyList<string> Sources);
