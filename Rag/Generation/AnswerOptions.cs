using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Generation;

/// <summary>How answers are written (configuration section "Rag:Answer").</summary>
public sealed class AnswerOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Rag:Answer";

    /// <summary>Below this best-sentence score (0–1) the evidence is too weak and the answer says so instead of guessing.</summary>
    [Range(0.0, 1.0)]
    public double MinEvidence { get; set; } = 0.4;

    /// <summary>Most sentences in an extractive answer.</summary>
    [Range(1, 10)]
    public int MaxSentences { get; set; } = 3;

    /// <summary>Longest question accepted, in characters.</summary>
    [Range(10, 100000)]
    public int MaxQuestionChars { get; set; } = 4000;
}
