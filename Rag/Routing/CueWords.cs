using System.Text.RegularExpressions;

namespace Assistant.Rag.Routing;

/// <summary>
/// Surface cues that point at a route regardless of topic: aggregates ("how many", "total", "average", "top 5",
/// "per month", "多少", "平均") point at sql; relationship phrases ("reports to", "which vendors supply", "depends on",
/// "向谁汇报", "供应商") at graph; identifiers, error codes, quoted phrases and file or host names at keyword; "why"
/// and "how do I" weakly at vector.
/// </summary>
/// <remarks>Stateless and thread-safe; the patterns are compiled once.</remarks>
internal static partial class CueWords
{
    private static readonly (string Route, double Strength, string Label, Regex Pattern)[] Cues =
    [
        (RouteNames.Sql, 0.6, "a count", SqlCount()),
        (RouteNames.Sql, 0.6, "a total or average", SqlAggregate()),
        (RouteNames.Sql, 0.6, "a ranking", SqlRanking()),
        (RouteNames.Sql, 0.5, "a list of records", SqlList()),
        (RouteNames.Sql, 0.4, "a breakdown per period or group", SqlPer()),
        (RouteNames.Graph, 0.6, "a reporting line", GraphReporting()),
        (RouteNames.Graph, 0.5, "a relationship", GraphRelation()),
        (RouteNames.Keyword, 0.6, "an identifier or error code", KeywordIdentifier()),
        (RouteNames.Keyword, 0.5, "a quoted phrase", KeywordQuoted()),
        (RouteNames.Keyword, 0.4, "a file, host or version", KeywordTechnical()),
        (RouteNames.Vector, 0.25, "a how/why question", VectorExplain()),
    ];

    /// <summary>Cue strength per route (a route's strongest cue plus a little for each further one, at most 1) and the cues found.</summary>
    public static (Dictionary<string, double> Strength, List<(string Route, string Label)> Labels) Find(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var strength = new Dictionary<string, double>(StringComparer.Ordinal);
        var labels = new List<(string Route, string Label)>();
        foreach (var (route, value, label, pattern) in Cues)
        {
            if (!pattern.IsMatch(question))
            {
                continue;
            }

            labels.Add((route, label));
            strength[route] = strength.TryGetValue(route, out var seen) ? Math.Min(1, Math.Max(seen, value) + 0.15) : value;
        }

        return (strength, labels);
    }

    [GeneratedRegex(@"\bhow many\b|\bnumber of\b|\bcount(ed|s)?\b|多少(个|张|名|人|次|台|家|位|份|天)|几(个|张|名|次|台|家|位)|数量|总数|有多少", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlCount();

    [GeneratedRegex(@"\b(total|sum|average|avg|mean|median|overall)\b|总额|总计|合计|总共|平均|中位数|总和", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlAggregate();

    [GeneratedRegex(@"\btop\s*\d+\b|\btop (three|five|ten)\b|\b(highest|lowest|most|least|largest|smallest)\b|\b(first|last) \d+\b|前\s*\d+|前[一二三四五六七八九十]+|最多|最少|最高|最低|排名", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlRanking();

    [GeneratedRegex(@"\b(list|show) (all|every)\b|\ball (open|closed|employees|tickets|contractors|invoices|customers)\b|\bolder than\b|列出(所有|全部)|所有.{0,12}(名单|清单|列表)|统计", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlList();

    [GeneratedRegex(@"\b(per|each|by) (day|week|month|quarter|year|department|team|office|city|region|customer)\b|\b(monthly|weekly|quarterly|yearly)\b|\bin (q[1-4]|20\d\d)\b|\bsince 20\d\d\b|每(个|一)?(天|周|月|季度|年|部门|团队|办公室|城市)|按(月|季度|年|部门|团队)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlPer();

    [GeneratedRegex(@"\breports? (in)?to\b|\breporting line\b|\bdirect reports?\b|\b(whose|who is the|who's the) (manager|boss|lead)\b|\bmanager of\b|\bwho manages\b|\bmanaged by\b|\bunder the (vp|head|cto|cfo|ceo)\b|向谁汇报|汇报给|的上级|直属下属|下属|下面有哪些", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GraphReporting();

    [GeneratedRegex(@"\b(which|what) (vendors?|suppliers?|partners?|teams?|systems?|services?|products?|applications?|offices?|customers?|engineers?|contractors?)\b.{0,40}\b(supply|supplies|provide|provides|serve|serves|use|uses|depend|depends|integrate|integrates|connect|connects|built|linked|assigned|work|share|resell)|\b(depends? on|dependenc(y|ies)|connected to|related to|linked to|integrates? with|owned by|who owns|owner of|responsible for|works? with|relationship|upstream|downstream|would break)\b|供应商|依赖|关联|连接了|是什么关系|负责人是谁|谁负责|合作伙伴|参与了|同时参与|基于.{0,10}开发|在使用|和哪些团队", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GraphRelation();

    // Codes, not names: two or more dashed segments (FH-TRV-2291) or a prefix with three or more digits (RK-4291,
    // INC0048213); gene and protein names such as IL-6 or BRCA1 are words to the vector route, not identifiers.
    [GeneratedRegex(@"\b[A-Z]{2,}-[A-Z0-9]+-[A-Z0-9]+\b|\b[A-Z]{2,}[-_]\d{3,}\b|\b0x[0-9a-f]{4,}\b|\b[A-Z]{2,}\d{4,}\b|\bE\d{6,}\b|\b(error|code|errno|错误码|错误代码|报错)\s*[:#]?\s*[A-Z0-9_-]{3,}|\bERR_[A-Z_]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex KeywordIdentifier();

    [GeneratedRegex("\"[^\"]{2,}\"|“[^”]{2,}”|「[^」]{2,}」|『[^』]{2,}』|'[^']{3,}'", RegexOptions.CultureInvariant)]
    private static partial Regex KeywordQuoted();

    [GeneratedRegex(@"\b[\w.-]+\.(msi|exe|dll|zip|gz|pdf|log|json|yaml|cfg|ini)\b|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(intra|net|com|example|io|org)\b|\b\d+\.\d+(\.\d+)+\b|\b[a-z]+\s\d+\.\d+\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordTechnical();

    [GeneratedRegex(@"^\s*(why|how (do|can|should|does|is|are)|what should|explain)\b|为什么|怎么|如何|怎样", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VectorExplain();
}
