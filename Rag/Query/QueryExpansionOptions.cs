using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Query;

/// <summary>
/// LLM query expansion switches (configuration section "Rag:Query"). Each is off by default and stays off when no LLM is
/// configured; each shows its effect as its own configuration in the eval command.
/// </summary>
public sealed class QueryExpansionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag:Query";

    /// <summary>RAG-Fusion: the LLM writes up to <see cref="MaxAlternatives"/> other phrasings; each is searched and the rankings fused with RRF.</summary>
    public bool MultiQuery { get; set; }

    /// <summary>Most alternative phrasings for <see cref="MultiQuery"/>.</summary>
    [Range(1, 10)]
    public int MaxAlternatives { get; set; } = 3;

    /// <summary>Step-back prompting: for why/how questions the LLM writes the more general question behind it, which is searched too.</summary>
    public bool StepBack { get; set; }

    /// <summary>Query-time HyDE: the LLM writes a hypothetical answer, whose embedding joins the question's for the vector route.</summary>
    public bool Hyde { get; set; }

    /// <summary>Time the expansion calls of one question may take together; whatever has not arrived by then is left out.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>True when any switch is on.</summary>
    public bool AnyOn => MultiQuery || StepBack || Hyde;

    /// <summary>A copy with every switch off.</summary>
    public static QueryExpansionOptions Off { get; } = new();

    /// <summary>A copy of these options.</summary>
    public QueryExpansionOptions Clone() => new()
    {
        MultiQuery = MultiQuery,
        MaxAlternatives = MaxAlternatives,
        StepBack = StepBack,
        Hyde = Hyde,
        TimeoutSeconds = TimeoutSeconds,
    };
}
