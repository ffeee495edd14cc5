namespace Assistant.Rag.Retrieval;

/// <summary>How route rankings are combined.</summary>
public enum FusionMethod
{
    /// <summary>Weighted reciprocal-rank fusion: uses ranks only.</summary>
    Rrf,

    /// <summary>Convex combination of each route's scores after min-max normalisation over its candidates.</summary>
    MinMax,

    /// <summary>Convex combination of each route's z-scores over its candidates; an id a route missed takes its lowest.</summary>
    ZScore,
}
