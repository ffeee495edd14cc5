using System.Text.RegularExpressions;
using Assistant.Rag.Memory;

namespace Assistant.Rag.Query;

/// <summary>
/// A question that goes back to an earlier topic ("ok back to the retries: where does the event go?", "going back to
/// my first question, …", "回到刚才的问题，……"): which earlier turn it returns to, the topic it names (if any), and the
/// question that follows the cue.
/// </summary>
/// <param name="Turn">The earlier turn returned to.</param>
/// <param name="Named">The topic as the cue names it ("the retries" → "retries"); null for "my first question", "刚才的问题".</param>
/// <param name="Rest">The question after the cue.</param>
internal sealed partial record TopicReturn(ConversationTurn Turn, string? Named, string Rest)
{
    private static readonly string[] QuestionNouns = ["question", "questions", "topic", "thing", "point", "one", "问题", "话题", "事", "那个"];

    /// <summary>The return <paramref name="question"/> makes, or null when it makes none (or there is no earlier turn).</summary>
    public static TopicReturn? Of(string question, ConversationHistory history, FollowUpCues cues, bool chinese)
    {
        if (history.Turns.Count == 0)
        {
            return null;
        }

        var match = chinese ? ChineseCue().Match(question) : EnglishCue().Match(question);
        if (!match.Success || (chinese && !cues.ReturnCues.Contains(match.Groups["cue"].Value)))
        {
            return null;
        }

        var topic = match.Groups["topic"].Value.Trim();
        var rest = match.Groups["rest"].Value.Trim();
        var words = topic.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToList();
        var first = cues.FirstTurnWords.Any(f => chinese ? topic.Contains(f, StringComparison.Ordinal) : words.Contains(f));
        var pointer = first || topic.Length == 0 || QuestionNouns.Any(n => chinese ? topic.EndsWith(n, StringComparison.Ordinal) && StripPointer(topic, n).Length == 0 : words.LastOrDefault() == n)
            || (chinese && topic is "刚才" or "之前" or "前面" or "上面");
        var turns = history.Turns;

        // The turn before the detour, unless the cue names the first question or the topic points at another turn.
        var target = first ? turns[0] : turns.Count >= 2 ? turns[^2] : turns[0];
        string? named = null;
        if (!pointer)
        {
            named = chinese ? StripChinese(topic) : StripEnglish(topic);
            var best = turns.Select((t, i) => (Turn: t, Score: Overlap(named, t.StandaloneQuestion, chinese), Index: i))
                .Where(t => t.Score > 0)
                .OrderByDescending(t => t.Score).ThenBy(t => t.Index == turns.Count - 1 ? 1 : 0).ThenBy(t => t.Index)
                .FirstOrDefault();
            target = best.Turn ?? target;
        }

        return rest.Length == 0 ? null : new TopicReturn(target, named is { Length: > 0 } ? named : null, rest);
    }

    private static string StripEnglish(string topic) => LeadingArticle().Replace(topic, string.Empty).Trim();

    private static string StripChinese(string topic)
    {
        foreach (var noun in QuestionNouns)
        {
            if (topic.EndsWith(noun, StringComparison.Ordinal))
            {
                topic = topic[..^noun.Length];
                break;
            }
        }

        return topic.TrimEnd('的', ' ').Trim();
    }

    private static string StripPointer(string topic, string noun) => topic[..^noun.Length].Replace("刚才", string.Empty, StringComparison.Ordinal)
        .Replace("之前", string.Empty, StringComparison.Ordinal).Replace("的", string.Empty, StringComparison.Ordinal).Replace("我", string.Empty, StringComparison.Ordinal)
        .Replace("上一个", string.Empty, StringComparison.Ordinal).Replace("前面", string.Empty, StringComparison.Ordinal).Replace("那个", string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>How much of <paramref name="named"/> the earlier question holds: shared word stems, or shared Han characters.</summary>
    private static int Overlap(string named, string question, bool chinese)
    {
        if (chinese)
        {
            return named.Where(c => !char.IsWhiteSpace(c)).Distinct().Count(c => question.Contains(c, StringComparison.OrdinalIgnoreCase));
        }

        var theirs = Stems(question);
        return Stems(named).Count(theirs.Contains);
    }

    private static HashSet<string> Stems(string text) =>
        [.. Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length > 2 && !StopWords.IsStopWord(w)).Select(w => w.Length > 5 ? w[..5] : w)];

    [GeneratedRegex(@"^(?:(?:ok(?:ay)?|so|right|anyway|alright|and|but|sorry)[,\s]+)*(?:(?:going|coming|getting|go|come|get|jumping|circling)\s+)?back\s+to\s+(?<topic>[^,:;?\-–—]*?)(?:\s*[,:;\-–—]+\s*|\s*\?\s+|\s+(?=(?:how|what|which|when|where|who|why|is|are|do|does|can|could|should|will|would)\b))(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishCue();

    [GeneratedRegex(@"^(?:好的?|嗯|那|对了|再)?[，,\s]*(?<cue>回到|说回|再说回|回头说)(?<topic>[^，,：:；;。？?]*)[，,：:；;。？?]\s*(?<rest>.+)$")]
    private static partial Regex ChineseCue();

    [GeneratedRegex(@"^(?:the|my|our|that|this|a|an)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingArticle();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
