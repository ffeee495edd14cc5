using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Indexes;

/// <summary>Ranking settings of <see cref="LuceneKeywordIndex"/>. Immutable; the defaults suit short enterprise chunks.</summary>
public sealed record KeywordIndexOptions
{
    /// <summary>BM25 term-frequency saturation. 0.9 (rather than Lucene's 1.2) because chunks are short and a repeated
    /// term says little more than a single one.</summary>
    [Range(0.0, 10.0)]
    public float K1 { get; init; } = 0.9f;

    /// <summary>BM25 length normalisation, 0 (none) to 1 (full). 0.4 because chunk lengths are already bounded by the splitter.</summary>
    [Range(0.0, 1.0)]
    public float B { get; init; } = 0.4f;

    /// <summary>
    /// Weight of a match in the title or heading relative to one in the body. 1: the title field is short, so BM25's
    /// length normalisation already makes a title match count for more than a body match. An extra boost measured
    /// worse (eval, nDCG@10, keyword route; boost 2 / 1.3 / 1 / 0.5): SciFact train 0.617 / 0.650 / 0.667 / 0.697,
    /// CMRC 2018 dev 0.966 / 0.981 / 0.986 / 0.990. 1 is the neutral point, not the best train figure.
    /// </summary>
    [Range(0.0, 100.0)]
    public float TitleBoost { get; init; } = 1f;
}
