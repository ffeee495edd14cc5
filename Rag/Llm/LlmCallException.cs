namespace Assistant.Rag.Llm;

/// <summary>
/// An LLM call of a step did not produce a reply; thrown by the call policy, which has translated whatever the
/// connection threw (HTTP errors, timeouts, the budget's refusal) into this one type at the boundary.
/// </summary>
internal sealed class LlmCallException : Exception
{
    public LlmCallException()
    {
    }

    public LlmCallException(string message)
        : base(message)
    {
    }

    public LlmCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LlmCallException(string step, LlmOutcome outcome, Exception? innerException)
        : base($"The LLM call of step '{step}' ended {LlmMetrics.Name(outcome)}.", innerException)
    {
        Step = step;
        Outcome = outcome;
    }

    /// <summary>The step whose call it was.</summary>
    public string Step { get; } = string.Empty;

    /// <summary>How the call ended (never <see cref="LlmOutcome.Ok"/>).</summary>
    public LlmOutcome Outcome { get; } = LlmOutcome.Failed;
}
