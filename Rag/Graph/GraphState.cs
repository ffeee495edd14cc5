namespace Assistant.Rag.Graph;

/// <summary>A loaded graph with everything the route derives from it: the linker, the examples and their embeddings.</summary>
internal sealed record GraphState(
    PropertyGraph Graph,
    GraphLinker Linker,
    QuestionCues Cues,
    IReadOnlyList<GraphExample> Examples,
    IReadOnlyList<List<GraphMention>> Mentions,
    IReadOnlyList<float[]> Vectors,
    IReadOnlyList<string> Skeletons,
    IReadOnlyList<string> Sources);
