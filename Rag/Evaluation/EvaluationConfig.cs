using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Evaluation;

/// <summary>A named retrieval setting to measure.</summary>
/// <param name="Name">Name on the command line and in reports.</param>
/// <param name="Description">What the setting is.</param>
/// <param name="Options">Retrieval options (fusion, weights, candidates).</param>
/// <param name="Routed">True lets the intent router choose the routes per question, as the product does; false runs every route with a weight above 0.</param>
/// <param name="Expansion">Query expansion switches (RAG-Fusion, step-back, HyDE); null is all off.</param>
/// <param name="TwoLevelDocuments">Two-level vector search restricted to this many documents (see <see cref="Indexes.TwoLevelVectorIndex"/>); 0 is flat.</param>
public sealed record EvaluationConfig(string Name, string Description, RetrievalOptions Options, bool Routed = false, QueryExpansionOptions? Expansion = null, int TwoLevelDocuments = 0);
