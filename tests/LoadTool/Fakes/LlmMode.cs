namespace Assistant.LoadTool.Fakes;

/// <summary>How the LLM stand-in behaves.</summary>
internal enum LlmMode
{
    /// <summary>Answers at once.</summary>
    Normal,

    /// <summary>Answers 500 with an OpenAI error body.</summary>
    Failing,

    /// <summary>Accepts the request and never answers (until the mode changes or the caller gives up).</summary>
    Hanging,
}
