using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Evaluation;

/// <summary>A named retrieval setting to measure.</summary>
public sealed record EvaluationConfig(string Name, string Description, RetrievalOptions Options);
