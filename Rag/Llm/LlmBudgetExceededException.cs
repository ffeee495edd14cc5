using Assistant.Rag.Generation;

namespace Assistant.Rag.Llm;

/// <summary>An LLM call would exceed the turn's token budget (<see cref="LlmOptions.MaxTokensPerTurn"/>); it was not made.</summary>
internal sealed class LlmBudgetExceededException : Exception
{
    public LlmBudgetExceededException()
    {
    }

    public LlmBudgetExceededException(string message)
        : base(message)
    {
    }

    public LlmBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
