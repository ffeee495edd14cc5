using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Rag.Memory;

namespace Assistant.Rag.Tests.Query;

/// <summary>
/// One dialogue of tests/Rag.Tests/Query/Data/followups.jsonl: the earlier questions (each optionally with the standalone
/// form it was searched as), the new message, and what a correct rewrite is: the message unchanged when it stands
/// alone, otherwise a question holding every expected key term.
/// </summary>
internal sealed record FollowUpDialogue(string Id, ConversationHistory History, string Question, IReadOnlyList<string> Terms, bool SelfContained)
{
    public static string DataPath { get; } = Path.Combine(AppContext.BaseDirectory, "Query", "Data", "followups.jsonl");

    public string Language => Id.StartsWith("zh", StringComparison.Ordinal) ? "zh" : "en";

    public static IReadOnlyList<FollowUpDialogue> Load() =>
        [.. File.ReadLines(DataPath).Where(line => line.Trim().Length > 0).Select(Parse)];

    /// <summary>True when <paramref name="rewritten"/> is what this dialogue expects.</summary>
    public bool IsCorrect(string rewritten) => SelfContained
        ? string.Equals(rewritten, Question, StringComparison.Ordinal)
        : Terms.All(term => rewritten.Contains(term, StringComparison.OrdinalIgnoreCase));

    private static FollowUpDialogue Parse(string line)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        var turns = node["history"]!.AsArray().Select(entry => entry is JsonObject turn
            ? Turn(turn["question"]!.GetValue<string>(), turn["standalone"]!.GetValue<string>())
            : Turn(entry!.GetValue<string>(), entry.GetValue<string>()));
        return new FollowUpDialogue(
            node["id"]!.GetValue<string>(),
            new ConversationHistory(null, [.. turns]),
            node["question"]!.GetValue<string>(),
            node["terms"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [],
            node["selfContained"]?.GetValue<bool>() ?? false);
    }

    private static ConversationTurn Turn(string question, string standalone) => new(question, standalone, string.Empty, [], DateTimeOffset.UnixEpoch);
}
