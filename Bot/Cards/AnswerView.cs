using System.Globalization;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Cards;

/// <summary>
/// What every channel shows of an <see cref="Generation.Answer"/>, decided once: the text, the numbered sources,
/// the small print and whether it can be voted on, each already cut to the limits below. The Adaptive Card and
/// Block Kit renderers only lay it out. New kinds of content (the SQL route's tables) are added here once.
/// </summary>
/// <param name="Answer">The answer itself (its id, kind and citations as the engine made them).</param>
/// <param name="Text">The answer text, trimmed and cut to <see cref="MaxTextLength"/>; empty when the engine gave none.</param>
/// <param name="Heading">A line shown above the text (no evidence found), or null.</param>
/// <param name="SourcesHeading">The heading of the source list.</param>
/// <param name="Sources">The sources listed, by number, at most <see cref="MaxSources"/>.</param>
/// <param name="MoreSources">Sources cited beyond those listed.</param>
/// <param name="SmallPrint">The routes searched and how the text was made; empty when there is nothing to say.</param>
/// <param name="CanVote">False for a refused question: it was never searched, so there is nothing to vote on.</param>
internal sealed record AnswerView(
    Rag.Generation.Answer Answer,
    string Text,
    string? Heading,
    string SourcesHeading,
    IReadOnlyList<SourceView> Sources,
    int MoreSources,
    string SmallPrint,
    bool CanVote)
{
    /// <summary>Answer text beyond this many characters is cut.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Snippets beyond this many characters are cut.</summary>
    public const int MaxSnippetLength = 300;

    /// <summary>Titles (and non-web addresses) beyond this many characters are cut.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The routing reason beyond this many characters is cut.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Addresses longer than this are shown as text, not linked, which keeps messages far below their size limits.</summary>
    public const int MaxLinkLength = 1000;

    /// <summary>Sources listed at most; the rest are counted, not shown.</summary>
    public const int MaxSources = 10;

    /// <summary>Answer ids longer than this get no vote buttons (Slack's button value limit; the engine never makes such ids).</summary>
    public const int MaxAnswerIdLength = 2000;

    /// <summary>Table rows shown at most; the caption says how many there are.</summary>
    public const int MaxTableRows = 20;

    /// <summary>Table columns shown at most.</summary>
    public const int MaxTableColumns = 8;

    /// <summary>Table cells beyond this many characters are cut.</summary>
    public const int MaxCellLength = 120;

    /// <summary>Queries beyond this many characters are cut in "Show query".</summary>
    public const int MaxQueryLength = 2000;

    /// <summary>Suggested questions beyond this many characters are cut (their buttons ask the cut text).</summary>
    public const int MaxSuggestionLength = 200;

    /// <summary>The heading of an answer for which no source was close enough.</summary>
    public const string NoEvidenceHeading = "🔍 I couldn't find this in the knowledge base";

    /// <summary>The tables the answer states, as shown.</summary>
    public IReadOnlyList<TableView> Tables { get; init; } = [];

    /// <summary>Questions offered instead of an answer (buttons that ask them); empty for none.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>Builds the view of <paramref name="answer"/>.</summary>
    public static AnswerView From(Rag.Generation.Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var noEvidence = answer.Kind == AnswerKind.NoEvidence;
        var ordered = answer.Citations.OrderBy(c => c.N).ToList();
        return new AnswerView(
            answer,
            CardText.Truncate(answer.Text.Trim(), MaxTextLength),
            noEvidence ? NoEvidenceHeading : null,
            noEvidence ? "Closest sources I looked at" : "Sources",
            [.. ordered.Take(MaxSources).Select(Source)],
            Math.Max(0, ordered.Count - MaxSources),
            SmallPrintOf(answer),
            answer.Kind != AnswerKind.Rejected && answer.Id.Length <= MaxAnswerIdLength)
        {
            Tables = [.. answer.Tables.Select(Table)],
            Suggestions = [.. answer.Suggestions.Select(q => CardText.Truncate(CardText.OneLine(q), MaxSuggestionLength)).Where(q => q.Length > 0).Distinct(StringComparer.Ordinal).Take(3)],
        };
    }

    private static TableView Table(Rag.Retrieval.TableResult table)
    {
        var columns = table.Columns.Take(MaxTableColumns).Select(c => CardText.Truncate(CardText.OneLine(c), MaxCellLength)).ToList();
        var rows = table.Rows.Take(MaxTableRows)
            .Select(row => (IReadOnlyList<string>)[.. Enumerable.Range(0, columns.Count).Select(i => i < row.Count ? Cell(row[i]) : string.Empty)])
            .ToList();
        var total = Math.Max(table.TotalRows, table.Rows.Count);
        var caption = rows.Count < total || table.Truncated
            ? string.Create(CultureInfo.InvariantCulture, $"First {rows.Count:N0} of {total:N0}{(table.Truncated && total == table.Rows.Count ? "+" : string.Empty)} rows")
            : string.Create(CultureInfo.InvariantCulture, $"{total:N0} {(total == 1 ? "row" : "rows")}");
        if (table.Columns.Count > columns.Count)
        {
            caption += string.Create(CultureInfo.InvariantCulture, $" · {columns.Count} of {table.Columns.Count} columns");
        }

        var citation = Rag.Generation.StructuredAnswers.CitationOf(table);
        return new TableView(
            CardText.Truncate(CardText.OneLine(citation.Title), MaxTitleLength),
            caption,
            columns,
            rows,
            CardText.Truncate(table.Query.Trim(), MaxQueryLength),
            table.QueryLanguage,
            string.Create(CultureInfo.InvariantCulture, $"{table.ReadAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
    }

    // Numbers as the invariant culture writes them without grouping (a year stays "2026"), at most two decimals.
    private static string Cell(object? value) => CardText.Truncate(CardText.OneLine(value switch
    {
        null => "—",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        float f => f.ToString("0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    }), MaxCellLength);

    private static SourceView Source(Citation citation)
    {
        var title = CardText.Truncate(CardText.OneLine(citation.Title), MaxTitleLength);
        var link = citation.Url.Length <= MaxLinkLength
                   && Uri.TryCreate(citation.Url, UriKind.Absolute, out var url)
                   && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url.AbsoluteUri
            : null;

        // A path or other non-web address (or one too long to link) cannot be a link, but still tells the reader where to look.
        var location = link is null && !string.IsNullOrWhiteSpace(citation.Url)
            ? CardText.Truncate(CardText.OneLine(citation.Url), MaxTitleLength)
            : null;
        return new SourceView(
            citation.N,
            title.Length > 0 ? title : "Untitled",
            link,
            location,
            CardText.Truncate(CardText.OneLine(citation.Snippet), MaxSnippetLength));
    }

    private static string SmallPrintOf(Rag.Generation.Answer answer)
    {
        var parts = new List<string>();
        if (answer.Routes.Count > 0)
        {
            var searched = "Searched: " + string.Join(" · ", answer.Routes.Take(10).Select(r =>
                $"{CardText.Truncate(CardText.OneLine(r.Name), 40)} {r.Weight.ToString("0.0#", CultureInfo.InvariantCulture)}"));

            // Why the router chose these routes; routes of one decision usually share the reason, so it is said once.
            var reasons = string.Join("; ", answer.Routes.Select(r => CardText.OneLine(r.Reason)).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal));
            parts.Add(reasons.Length > 0 ? $"{searched} ({CardText.Truncate(reasons, MaxReasonLength)})" : searched);
        }

        var note = answer.Kind switch
        {
            AnswerKind.Generated => "Written by AI from the sources; check them before you rely on it.",
            AnswerKind.Extractive => "Quoted from the sources.",
            AnswerKind.Queried => "Stated from the query's result; the query is under \"Show query\".",
            AnswerKind.NoEvidence => "No source was close enough to answer from.",

            // A rejected question was never searched: its text says why, and there is nothing to add.
            _ => null,
        };
        if (note is not null)
        {
            parts.Add(note);
        }

        return string.Join(" · ", parts);
    }
}
