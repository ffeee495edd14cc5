using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Query;

/// <summary>Follow-up rewriting (configuration section "Rag:Rewrite").</summary>
public sealed class RewriteOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag:Rewrite";

    /// <summary>Time allowed for the LLM rewrite before the rule-based rewrite is used instead.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Previous turns shown to the LLM.</summary>
    [Range(1, 20)]
    public int TurnsInPrompt { get; set; } = 4;
}
