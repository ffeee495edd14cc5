namespace Assistant.Rag.Generation;

/// <summary>How an answer was produced.</summary>
public enum AnswerKind
{
    /// <summary>Written by the configured LLM from numbered sources.</summary>
    Generated,

    /// <summary>Sentences extracted from the sources (no LLM, or the LLM failed).</summary>
    Extractive,

    /// <summary>The evidence was too weak to answer; the text says so.</summary>
    NoEvidence,

    /// <summary>The question could not be searched as typed (empty, too long, not text); the text says why. Nothing was retrieved.</summary>
    Rejected,
}
