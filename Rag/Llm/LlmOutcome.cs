namespace Assistant.Rag.Llm;

/// <summary>How an LLM call ended; every outcome but <see cref="Ok"/> sends the step to its embedded path.</summary>
public enum LlmOutcome
{
    /// <summary>The model replied (and a structured reply matched its type).</summary>
    Ok,

    /// <summary>The call failed: a 4xx, or a transient failure that outlasted the retries.</summary>
    Failed,

    /// <summary>The step's time ran out (or every attempt timed out).</summary>
    TimedOut,

    /// <summary>The turn's token budget could not fit the call; it was not made.</summary>
    OverBudget,

    /// <summary>The model replied, but not with JSON of the asked-for type.</summary>
    InvalidReply,

    /// <summary>No LLM is configured; nothing was called.</summary>
    Unavailable,
}
