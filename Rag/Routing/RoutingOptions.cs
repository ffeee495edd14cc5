using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Routing;

/// <summary>How questions are routed and how long each route may take (configuration section "Rag:Routing").</summary>
public sealed class RoutingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag:Routing";

    /// <summary>False runs every text route (vector + keyword) for every question, as before routing existed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time one route may take for one search; a route that overruns is left out of that answer and logged.</summary>
    [Range(10, 60_000)]
    public int RouteBudgetMilliseconds { get; set; } = 2000;

    /// <summary>
    /// Time a structured route (SQL, graph) may take for one question: longer than a text search, since with an LLM it
    /// writes the query (and may repair it once) before running it.
    /// </summary>
    [Range(10, 120_000)]
    public int StructuredRouteBudgetMilliseconds { get; set; } = 20_000;

    /// <summary>Below this confidence the embedded router does not trust its guess and runs vector + keyword.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.45;

    /// <summary>Labelled example questions the embedded router compares a question with.</summary>
    [Range(1, 50)]
    public int Neighbours { get; set; } = 7;

    /// <summary>Time the LLM router may take before the embedded router decides instead.</summary>
    [Range(1, 120)]
    public int LlmTimeoutSeconds { get; set; } = 5;
}
