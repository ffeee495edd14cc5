using System.Text.RegularExpressions;

namespace Assistant.Rag.Graph;

/// <summary>
/// What a question says about the shape of its query, beyond the values it names: the relationship types its words name
/// (from the graph's own type names, "REPORTS_TO" → "report", and common synonyms in English and Chinese), whether it
/// counts, and whether it asks for a chain or path. An example whose query disagrees is a worse fit, however alike the
/// two questions read. Thread-safe (immutable).
/// </summary>
internal sealed partial class QuestionCues
{
    // Words people use for the relationship types of an organisation graph; a type the graph does not have is ignored.
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["REPORTS_TO"] = ["report", "manager", "boss", "direct report", "汇报", "上级", "下属", "领导是"],
        ["LEADS"] = ["lead", "head", "run", "负责人", "领导"],
        ["MEMBER_OF"] = ["member", "belong", "team is", "成员", "哪个团队", "在哪个团队"],
        ["WORKS_IN"] = ["work", "based", "sit", "office is", "工作", "办公室有哪些人", "哪些人"],
        ["BASED_IN"] = ["based", "sit", "located", "team in", "teams in", "团队在", "有哪些团队", "哪个办公室"],
        ["OWNS"] = ["own", "owner", "responsible", "look after", "负责"],
        ["SUPPLIES"] = ["supply", "supplier", "vendor", "serve", "work with", "供应商", "提供服务"],
        ["PROVIDES"] = ["provide", "vendor", "behind", "提供"],
        ["DEPENDS_ON"] = ["depend", "rely", "break", "down", "依赖", "影响", "宕机"],
        ["MANAGES"] = ["office manager", "办公室经理"],
        ["BUILDS"] = ["build", "develop", "开发"],
    };

    private readonly List<(string Type, string Cue)> _cues = [];

    public QuestionCues(IEnumerable<string> relationshipTypes)
    {
        foreach (var type in relationshipTypes)
        {
            foreach (var part in type.Split('_', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 4 && p is not ("FROM" or "WITH" or "INTO")))
            {
                _cues.Add((type, GraphText.Stem(part.ToLowerInvariant())));
            }

            foreach (var synonym in Synonyms.GetValueOrDefault(type) ?? [])
            {
                _cues.Add((type, synonym));
            }
        }
    }

    /// <summary>The relationship types <paramref name="question"/> names.</summary>
    public HashSet<string> Types(string question)
    {
        var folded = GraphText.Fold(question);
        var words = GraphText.Words(question);
        var text = " " + string.Join(' ', words) + " ";
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (type, cue) in _cues)
        {
            var hit = GraphText.HasCjk(cue)
                ? folded.Contains(cue, StringComparison.Ordinal)
                : cue.Contains(' ', StringComparison.Ordinal)
                    ? text.Contains(" " + cue, StringComparison.Ordinal)
                    : words.Any(w => w.StartsWith(cue, StringComparison.Ordinal) && (w.Length - cue.Length <= 3));
            if (hit)
            {
                found.Add(type);
            }
        }

        return found;
    }

    /// <summary>
    /// How well <paramref name="cypher"/>'s shape fits what <paramref name="question"/> says, 0..1: 1 when it agrees (or the
    /// question says nothing), less for each disagreement.
    /// </summary>
    public double Fit(string question, string cypher)
    {
        var fit = 1.0;
        var named = Types(question);
        var used = RelationshipTypes().Matches(cypher).SelectMany(m => m.Groups[1].Value.Split('|')).Select(t => t.Trim().TrimStart(':')).ToHashSet(StringComparer.Ordinal);
        if (named.Count > 0 && !named.Overlaps(used))
        {
            fit *= 0.75;
        }
        else
        {
            // "produced and reviewed" against a query over PRODUCED and DIRECTED: each type named but not queried costs.
            fit *= Math.Pow(0.85, named.Count(n => !used.Contains(n)));
        }

        // The comparison the question words ("before", "after", "in 1952", "exactly") against the query's operators.
        var less = Before().IsMatch(question);
        var more = After().IsMatch(question);
        if (less != LessThan().IsMatch(cypher))
        {
            fit *= 0.8;
        }

        if (more != MoreThan().IsMatch(cypher))
        {
            fit *= 0.8;
        }

        if (Most().IsMatch(question) && !Descending().IsMatch(cypher))
        {
            fit *= 0.8;
        }

        var counts = Count().IsMatch(question);
        if (counts != CountCall().IsMatch(cypher))
        {
            fit *= 0.75;
        }

        if (Chain().IsMatch(question) && !cypher.Contains('*', StringComparison.Ordinal))
        {
            fit *= 0.8;
        }

        return fit;
    }

    [GeneratedRegex(@"\b(before|earlier than|older than|less than|fewer than|under|below|at most|prior to)\b|之前|早于|少于|低于", RegexOptions.IgnoreCase)]
    private static partial Regex Before();

    [GeneratedRegex(@"\b((?<!look )after|later than|younger than|more than|greater than|over|above|at least|since|higher than)\b|之后|晚于|多于|超过|以上", RegexOptions.IgnoreCase)]
    private static partial Regex After();

    [GeneratedRegex(@"[^<-]<=?\s*[\w$(]")]
    private static partial Regex LessThan();

    [GeneratedRegex(@"[^->]>=?\s*[\w$(]")]
    private static partial Regex MoreThan();

    [GeneratedRegex(@"\b(most|highest|largest|biggest|top|greatest|maximum)\b|最多|最高|最大", RegexOptions.IgnoreCase)]
    private static partial Regex Most();

    [GeneratedRegex(@"\bDESC\b|\bmax\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex Descending();

    [GeneratedRegex(@"\[\s*\w*\s*:\s*([\w|:]+)")]
    private static partial Regex RelationshipTypes();

    [GeneratedRegex(@"\bhow many\b|\bnumber of\b|\bcount\b|多少|几个|几家|几位", RegexOptions.IgnoreCase)]
    private static partial Regex Count();

    [GeneratedRegex(@"\bcount\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CountCall();

    [GeneratedRegex(@"\bchain\b|\breporting line\b|\bpath\b|\bconnected\b|\ball the way\b|\bup to the\b|汇报线|路径|关系链", RegexOptions.IgnoreCase)]
    private static partial Regex Chain();
}
