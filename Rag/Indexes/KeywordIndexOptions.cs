using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Indexes;

/// <summary>Ranking settings of <see cref="LuceneKeywordIndex"/>. Immutable; the defaults suit short enterprise chunks.</summary>
public sealed record KeywordIndexOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag:Keyword";

    /// <summary>BM25 term-frequency saturation. 0.9 (rather than Lucene's 1.2) because chunks are short and a repeated
    /// term says little more than a single one.</summary>
    [Range(0.0, 10.0)]
    public float K1 { get; init; } = 0.9f;

    /// <summary>BM25 length normalisation, 0 (none) to 1 (full). 0.4 because chunk lengths are already bounded by the splitter.</summary>
    [Range(0.0, 1.0)]
    public float B { get; init; } = 0.4f;

    /// <summary>
    /// Extra weight of a match in the title or heading, searched as a field of its own, on top of the body field, which
    /// holds the title and heading too. 0 (the default) leaves the title field out of queries. Measured with the eval
    /// command (nDCG@10, keyword route, title boost 0 / 0.3 / 1): SciFact train 0.698 / 0.699 / 0.657, CMRC 2018 dev
    /// 0.989 / — / 0.983; the plain one-field BM25 is the best general choice. (With the title in its own field only,
    /// boost 1 scored SciFact 0.667 and CMRC 0.986: a title term there gets the short field's far higher IDF.)
    /// </summary>
    [Range(0.0, 100.0)]
    public float TitleBoost { get; init; }
}
