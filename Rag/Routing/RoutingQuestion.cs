namespace Assistant.Rag.Routing;

/// <summary>A question as the router sees it.</summary>
/// <param name="Text">The (standalone) question.</param>
/// <param name="Language">Its detected language ("en", "zh", "ja").</param>
/// <param name="Embedding">Its embedding from the configured generator; empty when embedding failed (the router then uses cue words alone).</param>
public sealed record RoutingQuestion(string Text, string Language, ReadOnlyMemory<float> Embedding);
