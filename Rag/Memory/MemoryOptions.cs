using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Memory;

/// <summary>Conversation memory (configuration section "Rag:Memory").</summary>
public sealed class MemoryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag:Memory";

    /// <summary>Most recent turns kept per conversation.</summary>
    [Range(1, 100)]
    public int MaxTurns { get; set; } = 6;

    /// <summary>Most tokens (questions, rewrites, answer summaries and the summary together) kept per conversation.</summary>
    [Range(50, 32000)]
    public int MaxTokens { get; set; } = 1000;

    /// <summary>How long a conversation is remembered after its last use.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Characters of each answer remembered.</summary>
    [Range(40, 4000)]
    public int AnswerSummaryChars { get; set; } = 300;

    /// <summary>Conversations the in-process store holds at most; the least recently used go first.</summary>
    [Range(10, 10_000_000)]
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>Namespace of every key this application writes to a shared store.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,40}$", ErrorMessage = "Rag:Memory:KeyPrefix must be 1 to 40 characters of letters, digits and _ . -")]
    public string KeyPrefix { get; set; } = "assistant";

    /// <summary>Time allowed for the LLM to summarise older turns before they are dropped instead.</summary>
    [Range(1, 120)]
    public int SummaryTimeoutSeconds { get; set; } = 10;
}
