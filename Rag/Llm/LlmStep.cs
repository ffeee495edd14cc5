namespace Assistant.Rag.Llm;

/// <summary>
/// One LLM step as the call policy sees it: its name (<see cref="LlmStepNames"/>; in logs, metrics and spans) and the
/// time it may take in all, retries included, before its caller falls back.
/// </summary>
public sealed record LlmStep(string Name, TimeSpan Timeout)
{
    /// <summary>A step of <paramref name="name"/> allowed <paramref name="seconds"/> seconds.</summary>
    public static LlmStep Of(string name, int seconds) => new(name, TimeSpan.FromSeconds(seconds));
}
