using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Ingestion;

/// <summary>Ingestion settings (configuration section "Rag:Ingestion").</summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Rag:Ingestion";

    /// <summary>
    /// Index-time HyDE: how many short questions the LLM writes for each chunk, in the chunk's language; each question is
    /// embedded as an extra vector record that finds its chunk, and appended to the chunk's keyword text. 0 (the default)
    /// is off. Needs an LLM (Llm:Endpoint); without one the setting is ignored, with a warning at start. Changing it makes
    /// the next ingest of each source revisit every document: switched on, chunks without questions get them; switched off,
    /// questions are dropped; lowered, each chunk keeps its first ones; raised, chunks that have questions keep theirs.
    /// </summary>
    [Range(0, 10)]
    public int HypotheticalQuestions { get; set; }

    /// <summary>LLM calls for hypothetical questions in flight at once during an ingest.</summary>
    [Range(1, 16)]
    public int HypotheticalQuestionCalls { get; set; } = 2;
}
