namespace Assistant.Rag.Llm;

/// <summary>The names of the LLM steps, as they appear in logs, metrics (tag assistant.llm.step) and spans.</summary>
internal static class LlmStepNames
{
    public const string Answer = "answer";
    public const string Rewrite = "rewrite";
    public const string Route = "route";
    public const string MultiQuery = "multi-query";
    public const string StepBack = "step-back";
    public const string Hyde = "hyde";
    public const string Rerank = "rerank";
    public const string Compaction = "compaction";
    public const string HypotheticalQuestions = "hypothetical-questions";
    public const string Nl2Sql = "nl2sql";
}
