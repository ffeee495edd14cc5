namespace Assistant.Rag.Generation;

/// <summary>How an answer was produced.</summary>
public enum AnswerKind
{
    /// <summary>Written by the configured LLM from numbered sources.</summary>
    Generated,

    /// <summary>Sentences extracted from the sources (no LLM, or the LLM failed).</summary>
    Extractive,

    /// <summary>Stated from the rows a structured route (sql, graph) read; its table is <see cref="Answer.Tables"/>[0] and citation [1].</summary>
    Queried,

    /// <summary>The evidence was too weak to answer; the text says so.</summary>
    NoEvidence,

    /// <summary>The question could not be searched as typed (empty, too long, not text); the text says why. Nothing was retrieved.</summary>
    Rejected,
}
