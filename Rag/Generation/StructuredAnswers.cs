using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Generation;

/// <summary>
/// How a structured route's reply becomes the answer. A table the router chose with a high weight leads: its sentence
/// with citation [1] naming the database and tables, then the text answer, if any, as support with its citations
/// renumbered after it. A structured route that declined leaves the answer to the text routes; when they have nothing
/// either, the decline offers the questions the route can answer.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static partial class StructuredAnswers
{
    /// <summary>A structured reply leads the answer only when the router gave its route at least this weight.</summary>
    public const double LeadWeight = 0.5;

    /// <summary>The structured evidence that leads, or null when none may: the highest-weighted reply at or above <see cref="LeadWeight"/>.</summary>
    public static StructuredEvidence? Lead(IReadOnlyList<StructuredEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence
            .Where(e => e.Weight >= LeadWeight)
            .OrderByDescending(e => e.Reply.Answered)
            .ThenByDescending(e => e.Weight)
            .ThenByDescending(e => e.Reply.Confidence)
            .FirstOrDefault();
    }

    /// <summary>
    /// The text and citations of an answer led by <paramref name="table"/>: its <paramref name="sentence"/> cited as [1] (and
    /// the table's <see cref="TableResult.Documents"/> as [2] …), then <paramref name="supportText"/> (already numbered from 1
    /// against <paramref name="supportCitations"/>) with every marker and citation moved up past them; null support adds nothing.
    /// </summary>
    public static (string Text, IReadOnlyList<Citation> Citations) Compose(
        TableResult table,
        string sentence,
        string? supportText,
        IReadOnlyList<Citation> supportCitations)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(supportCitations);
        // A graph result's facts came from documents: they are cited after the graph itself, [2], [3] ….
        var documents = table.Documents ?? [];
        var markers = string.Concat(Enumerable.Range(1, documents.Count + 1).Select(n => string.Create(CultureInfo.InvariantCulture, $"[{n}]")));
        var lead = WithMarker(sentence.Trim(), markers);
        var citations = new List<Citation> { CitationOf(table) };
        citations.AddRange(documents.Select((d, i) => new Citation(i + 2, d.Title, d.Url, string.Empty, d.DocumentId, d.DocumentId, [])));
        if (string.IsNullOrWhiteSpace(supportText))
        {
            return (lead, citations);
        }

        var offset = citations.Count;
        var shifted = Marker().Replace(supportText, m =>
            "[" + (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + offset).ToString(CultureInfo.InvariantCulture) + "]");
        citations.AddRange(supportCitations.Select(c => c with { N = c.N + offset }));
        var separator = LanguageDetector.IsCjk(LanguageDetector.Detect(lead)) ? string.Empty : " ";
        return (lead + separator + shifted.Trim(), citations);
    }

    /// <summary>The citation of a table: the database (or graph) and the objects read, when, and how many rows.</summary>
    public static Citation CitationOf(TableResult table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var kind = table.Route == Routing.RouteNames.Graph ? "graph" : "database";
        var title = table.Objects.Count > 0 ? $"{table.Source} {kind}: {string.Join(", ", table.Objects)}" : $"{table.Source} {kind}";
        var rows = table.Truncated
            ? string.Create(CultureInfo.InvariantCulture, $"first {table.Rows.Count:N0} of {table.TotalRows:N0} rows")
            : string.Create(CultureInfo.InvariantCulture, $"{table.TotalRows:N0} {(table.TotalRows == 1 ? "row" : "rows")}");
        var snippet = string.Create(CultureInfo.InvariantCulture, $"Data as of {table.ReadAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · {rows}");
        var id = $"{table.Route}:{table.Source}";
        var queryHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(table.Query)))[..16];
        return new Citation(1, title, $"{table.Route}://{table.Source}", snippet, id, $"{id}:{queryHash}", []);
    }

    /// <summary>The decline of a question a structured route could not answer and the text routes could not either, in <paramref name="language"/>.</summary>
    public static string DeclineText(string language, bool hasSuggestions) => (language, hasSuggestions) switch
    {
        ("zh", true) => "这个问题我还无法通过数据库查询来回答。我可以回答下面这些问题：",
        ("zh", false) => "这个问题我还无法通过数据库查询来回答，知识库中也没有找到答案。",
        ("ja", true) => "この質問にはまだデータベースの検索で答えられません。次の質問なら答えられます：",
        ("ja", false) => "この質問にはまだデータベースの検索で答えられず、ナレッジベースにも答えが見つかりませんでした。",
        (_, true) => "I can't answer that as a database query yet. Questions I can answer:",
        _ => "I can't answer that as a database query yet, and the knowledge base has no answer either.",
    };

    private static string WithMarker(string sentence, string marker)
    {
        // "There are 14 open tickets." → "There are 14 open tickets [1]."; a sentence without end punctuation gets the marker at the end.
        var end = sentence.Length > 0 && ".。!！?？".Contains(sentence[^1], StringComparison.Ordinal) ? sentence[^1].ToString() : string.Empty;
        var body = end.Length > 0 ? sentence[..^1] : sentence;
        var space = LanguageDetector.IsCjk(LanguageDetector.Detect(body)) ? string.Empty : " ";
        return body + space + marker + (end.Length > 0 ? end : LanguageDetector.IsCjk(LanguageDetector.Detect(body)) ? "。" : ".");
    }

    [GeneratedRegex(@"\[(\d{1,4})\]")]
    private static partial Regex Marker();
}
