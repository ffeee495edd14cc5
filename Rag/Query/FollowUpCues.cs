using System.Collections.Frozen;

namespace Assistant.Rag.Query;

/// <summary>
/// The word lists the rule-based follow-up rewrite reads, in sections ("[pronoun]", "[question]", "[function]",
/// "[aspect]", "[filler]", "[return]", "[first]", "[place]", "[plan]", "[role]", "[group]"), from the files shipped in this assembly (Query/Data/followup-*.txt).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class FollowUpCues
{
    private FollowUpCues(Dictionary<string, List<string>> sections)
    {
        FrozenSet<string> Set(string name) => (sections.TryGetValue(name, out var words) ? words : []).ToFrozenSet(StringComparer.Ordinal);
        Pronouns = Set("pronoun");
        QuestionWords = Set("question");
        FunctionWords = Set("function");
        AspectWords = Set("aspect");
        FillerWords = Set("filler");

        ReturnCues = Set("return");
        FirstTurnWords = Set("first");
        Entities = [.. new (EntityType Type, string Name)[] { (EntityType.Place, "place"), (EntityType.Plan, "plan"), (EntityType.Role, "role"), (EntityType.Group, "group") }
            .Select(c => (c.Type, (IReadOnlyList<string>)(sections.TryGetValue(c.Name, out var words) ? words : [])))];
    }

    public static FollowUpCues English { get; } = Load("followup-en.txt");

    public static FollowUpCues Chinese { get; } = Load("followup-zh.txt");

    public FrozenSet<string> Pronouns { get; }

    public FrozenSet<string> QuestionWords { get; }

    public FrozenSet<string> FunctionWords { get; }

    /// <summary>Words that ask about an aspect of a topic ("limit", "cost") rather than name one.</summary>
    public FrozenSet<string> AspectWords { get; }

    /// <summary>Chat words that carry neither a topic nor an aspect ("like", "please").</summary>
    public FrozenSet<string> FillerWords { get; }

    /// <summary>Words that say a question goes back to an earlier topic ("back to", "回到").</summary>
    public FrozenSet<string> ReturnCues { get; }

    /// <summary>Words that, after a return cue, point at the conversation's first question ("first", "最开始").</summary>
    public FrozenSet<string> FirstTurnWords { get; }

    /// <summary>The seeded generic entities by type (places, plan tiers, roles, groups of people).</summary>
    public IReadOnlyList<(EntityType Type, IReadOnlyList<string> Words)> Entities { get; }

    private static FollowUpCues Load(string name)
    {
        var resource = $"Assistant.Rag.Query.Data.{name}";
        using var stream = typeof(FollowUpCues).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The follow-up word list '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = sections[line[1..^1]] = [];
                continue;
            }

            current?.Add(line.ToLowerInvariant());
        }

        return new FollowUpCues(sections);
    }
}
