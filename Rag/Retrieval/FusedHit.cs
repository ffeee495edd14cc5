namespace Assistant.Rag.Retrieval;

/// <summary>A chunk after fusion: its fused score and its rank (from 1) in each route that found it.</summary>
/// <param name="ChunkId">The chunk.</param>
/// <param name="Score">Fused (or reranked) score; only the order it gives within one result list means anything.</param>
/// <param name="RouteRanks">Rank in each route that found the chunk.</param>
/// <param name="RouteScores">The route's own score (cosine, BM25) in each route that found the chunk; null when not kept.</param>
public sealed record FusedHit(string ChunkId, double Score, IReadOnlyDictionary<string, int> RouteRanks, IReadOnlyDictionary<string, double>? RouteScores = null);
