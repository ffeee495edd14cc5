namespace Assistant.Rag.Llm;

/// <summary>The result of one step's call: the reply when <see cref="Outcome"/> is <see cref="LlmOutcome.Ok"/>, else why there is none.</summary>
public readonly record struct LlmReply<T>(LlmOutcome Outcome, T? Value)
    where T : class
{
    /// <summary>True when the model replied (and the reply had the asked-for type).</summary>
    public bool IsOk => Outcome == LlmOutcome.Ok && Value is not null;

    public static LlmReply<T> Ok(T value) => new(LlmOutcome.Ok, value);

    public static LlmReply<T> Without(LlmOutcome outcome) => new(outcome, null);
}
