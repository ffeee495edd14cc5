namespace Assistant.Rag.Retrieval;

/// <summary>How route rankings are combined.</summary>
public enum FusionMethod
{
    /// <summary>Weighted reciprocal-rank fusion: uses ranks only.</summary>
    Rrf,

    /// <summary>Convex combination of each route's scores after min-max normalisation over its candidates.</summary>
    MinMax,
}
