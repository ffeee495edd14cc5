using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Cards.BlockKit;

/// <summary>
/// Lays out an <see cref="AnswerView"/> as the Slack message the bot posts: the answer (its "[n]" markers linked to their
/// sources), numbered sources with title link and snippet in context blocks, the routes searched, 👍/👎 buttons
/// carrying the answer id, and a plain fallback text.
/// </summary>
/// <remarks>
/// Stateless and thread-safe. Every message stays within Block Kit's limits whatever the answer: the text is split
/// into sections of at most <see cref="MaxSectionText"/> characters and cut after <see cref="MaxAnswerSections"/>,
/// and the view has already cut the text, titles, snippets and addresses and listed at most
/// <see cref="AnswerView.MaxSources"/> sources.
/// </remarks>
internal sealed partial class BlockKitRenderer
{
    /// <summary>Blocks in one message (Slack's limit).</summary>
    public const int MaxBlocks = 50;

    /// <summary>Characters in a section's text (Slack's limit).</summary>
    public const int MaxSectionText = 3000;

    /// <summary>Elements in a context block (Slack's limit).</summary>
    public const int MaxContextElements = 10;

    /// <summary>Characters in a button's value (Slack's limit).</summary>
    public const int MaxButtonValue = 2000;

    /// <summary>Sections the answer text may fill; the rest is cut with an ellipsis.</summary>
    public const int MaxAnswerSections = 4;

    /// <summary>The fallback text is cut to this many characters: it only feeds notifications and old clients.</summary>
    public const int MaxFallbackText = 3000;

    /// <summary>The block holding the 👍/👎 buttons.</summary>
    public const string FeedbackBlockId = "feedback";

    /// <summary>The context block that thanks for a vote.</summary>
    public const string FeedbackThanksBlockId = "feedback_thanks";

    /// <summary>The 👍 button's action id.</summary>
    public const string VoteUpActionId = "feedback_up";

    /// <summary>The 👎 button's action id.</summary>
    public const string VoteDownActionId = "feedback_down";

    /// <summary>The action id of a suggested-question button; its value is the question.</summary>
    public const string AskActionId = "ask_suggestion";

    /// <summary>The block holding the suggested-question buttons.</summary>
    public const string SuggestionsBlockId = "suggestions";

    /// <summary>Characters in a button's label (Slack's limit).</summary>
    public const int MaxButtonText = 75;

    private const string Ellipsis = "…";

    /// <summary>The message posted at once, before the answer is ready, and updated in place with it.</summary>
    public SlackMessage RenderSearching() => new(
        "Searching the knowledge base…",
        [new ContextBlock([SlackText.Mrkdwn(":mag: Searching the knowledge base…")])]);

    /// <summary>A one-line notice (the assistant is loading, something failed), in place of an answer.</summary>
    public SlackMessage RenderNotice(string text)
    {
        var escaped = SlackMrkdwn.Escape(Truncate(text, MaxSectionText / 2));
        return new SlackMessage(escaped, [new SectionBlock(SlackText.Mrkdwn(escaped))]);
    }

    /// <summary>Lays out an answer.</summary>
    public SlackMessage Render(AnswerView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var blocks = new List<SlackBlock>();
        if (view.Heading is not null)
        {
            blocks.Add(new SectionBlock(SlackText.Mrkdwn("*" + SlackMrkdwn.Escape(view.Heading) + "*")));
        }

        var sections = AnswerSections(view.Text.Length > 0 ? view.Text : "(no answer text)", view.Answer.Citations);
        blocks.AddRange(sections.Select(s => new SectionBlock(SlackText.Mrkdwn(s))));

        foreach (var table in view.Tables)
        {
            AddTable(blocks, table);
        }

        if (view.Suggestions.Count > 0)
        {
            blocks.Add(new ActionsBlock([.. view.Suggestions.Select((q, i) =>
                new ButtonElement(SlackText.Plain(Truncate(q, MaxButtonText)), $"{AskActionId}_{i.ToString(CultureInfo.InvariantCulture)}", Truncate(q, MaxButtonValue)))])
            { BlockId = SuggestionsBlockId });
        }

        AddSources(blocks, view);

        if (view.SmallPrint.Length > 0)
        {
            blocks.Add(new ContextBlock([SlackText.Mrkdwn(SlackMrkdwn.Escape(view.SmallPrint))]));
        }

        if (view.CanVote)
        {
            blocks.Add(new ActionsBlock(
            [
                new ButtonElement(SlackText.Plain("👍 Helpful"), VoteUpActionId, view.Answer.Id),
                new ButtonElement(SlackText.Plain("👎 Not helpful"), VoteDownActionId, view.Answer.Id),
            ])
            { BlockId = FeedbackBlockId });
        }

        return new SlackMessage(SlackMrkdwn.Escape(Truncate(OneLine(view.Text), MaxFallbackText)), blocks);
    }

    /// <summary>
    /// The blocks of a posted answer after a vote: in a direct message the 👍/👎 buttons give way to a thank-you;
    /// where several people can vote (a channel) the buttons stay and a thank-you line with the tally follows them.
    /// </summary>
    /// <param name="blocks">The message's blocks as Slack sent them back in the block_actions payload.</param>
    /// <param name="vote">The vote just recorded.</param>
    /// <param name="votes">All votes on the answer, the new one included.</param>
    /// <param name="keepButtons">False in a direct message, true elsewhere.</param>
    public JsonArray AcknowledgeVote(JsonArray blocks, VoteValue vote, IReadOnlyCollection<Vote> votes, bool keepButtons)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(votes);
        var thanks = vote == VoteValue.Up ? "👍 Thanks for the feedback!" : "👎 Thanks for the feedback: it helps us improve the answers.";
        if (keepButtons)
        {
            var up = votes.Count(v => v.Value == VoteValue.Up);
            var down = votes.Count(v => v.Value == VoteValue.Down);
            thanks = string.Create(CultureInfo.InvariantCulture, $"Thanks for the feedback · 👍 {up} · 👎 {down}");
        }

        var thanksBlock = BlockKitJson.ToJsonArray(
            [new ContextBlock([SlackText.Mrkdwn(thanks)]) { BlockId = FeedbackThanksBlockId }])[0]!;

        var result = new JsonArray();
        var placed = false;
        foreach (var block in blocks)
        {
            // The blocks come back from the click payload, which anyone holding the signing secret shapes: an entry
            // that is not an object cannot be a block and is dropped rather than allowed to fail the acknowledgement.
            if (block is not JsonObject blockObject)
            {
                continue;
            }

            var blockId = BlockId(blockObject);
            if (blockId == FeedbackThanksBlockId)
            {
                continue;
            }

            if (blockId == FeedbackBlockId)
            {
                if (keepButtons)
                {
                    result.Add(blockObject.DeepClone());
                }

                result.Add(thanksBlock.DeepClone());
                placed = true;
                continue;
            }

            result.Add(blockObject.DeepClone());
        }

        if (!placed && result.Count < MaxBlocks)
        {
            result.Add(thanksBlock.DeepClone());
        }

        return result;
    }

    /// <summary>The number of entries of <paramref name="blocks"/> that are not block objects (<see cref="AcknowledgeVote"/> drops them).</summary>
    public static int MalformedBlocks(JsonArray blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        return blocks.Count(block => block is not JsonObject);
    }

    private static string? BlockId(JsonObject block) =>
        block["block_id"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;

    /// <summary>The answer as mrkdwn sections: escaped, each "[n]" linked to its source, split between words.</summary>
    private static List<string> AnswerSections(string text, IReadOnlyList<Citation> citations)
    {
        var targets = citations
            .GroupBy(c => c.N)
            .ToDictionary(g => g.Key, g => SlackMrkdwn.LinkTarget(g.First().Url));

        var sections = new List<string>();
        var current = new StringBuilder();
        var cut = false;
        foreach (var atom in Atoms(text, targets))
        {
            // One character is kept free in every section for the ellipsis of a cut answer.
            if (current.Length + atom.Length > MaxSectionText - Ellipsis.Length)
            {
                sections.Add(current.ToString().TrimEnd());
                current.Clear();
                if (sections.Count == MaxAnswerSections)
                {
                    cut = true;
                    break;
                }

                if (string.IsNullOrWhiteSpace(atom))
                {
                    continue;
                }
            }

            current.Append(atom);
        }

        if (!cut && current.Length > 0)
        {
            sections.Add(current.ToString().TrimEnd());
        }

        sections.RemoveAll(string.IsNullOrEmpty);
        if (cut)
        {
            sections[^1] += Ellipsis;
        }

        return sections.Count > 0 ? sections : ["(no answer text)"];
    }

    /// <summary>
    /// The converted text in pieces that must not be split: a citation link, an escaped word, a run of white
    /// space. A word longer than a section is broken into pieces that each fit.
    /// </summary>
    private static IEnumerable<string> Atoms(string text, Dictionary<int, string?> targets)
    {
        var position = 0;
        foreach (Match match in MarkerOrSpace().Matches(text))
        {
            foreach (var piece in Words(text[position..match.Index]))
            {
                yield return piece;
            }

            if (match.Groups["n"].Success
                && int.TryParse(match.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && targets.TryGetValue(n, out var target)
                && target is not null)
            {
                yield return $"<{target}|[{n.ToString(CultureInfo.InvariantCulture)}]>";
            }
            else
            {
                yield return SlackMrkdwn.Escape(match.Value);
            }

            position = match.Index + match.Length;
        }

        foreach (var piece in Words(text[position..]))
        {
            yield return piece;
        }
    }

    private static IEnumerable<string> Words(string word)
    {
        if (word.Length == 0)
        {
            yield break;
        }

        var escaped = SlackMrkdwn.Escape(word);
        if (escaped.Length < MaxSectionText)
        {
            yield return escaped;
            yield break;
        }

        // A pathological "word" (a long address, base64): cut by characters, never inside an entity or a surrogate pair.
        var piece = new StringBuilder();
        foreach (var rune in word.EnumerateRunes())
        {
            var escapedRune = SlackMrkdwn.Escape(rune.ToString());
            if (piece.Length + escapedRune.Length >= MaxSectionText)
            {
                yield return piece.ToString();
                piece.Clear();
            }

            piece.Append(escapedRune);
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    /// <summary>True when <paramref name="actionId"/> is one of the suggested-question buttons.</summary>
    public static bool IsAsk(string? actionId) =>
        actionId is not null && actionId.StartsWith(AskActionId + "_", StringComparison.Ordinal);

    // Block Kit has no table: the rows go in a code block with padded columns (monospace in every Slack client), the
    // query in another, each cut to a section's limit.
    private static void AddTable(List<SlackBlock> blocks, TableView table)
    {
        blocks.Add(new ContextBlock([SlackText.Mrkdwn(SlackMrkdwn.Escape($"{table.Title} · {table.Caption} · data as of {table.DataAsOf}"))]));
        if (table.Columns.Count > 0)
        {
            blocks.Add(new SectionBlock(SlackText.Mrkdwn(CodeBlock(Grid(table), MaxSectionText))));
        }

        var heading = "*Query* (" + SlackMrkdwn.Escape(Truncate(table.QueryLanguage.ToUpperInvariant(), 20)) + ")\n";
        blocks.Add(new SectionBlock(SlackText.Mrkdwn(heading + CodeBlock(table.Query, MaxSectionText - heading.Length))));
    }

    private static string Grid(TableView table)
    {
        var rows = new List<IReadOnlyList<string>> { table.Columns };
        rows.AddRange(table.Rows);
        var widths = Enumerable.Range(0, table.Columns.Count)
            .Select(i => Math.Min(40, rows.Max(r => i < r.Count ? r[i].Length : 0)))
            .ToArray();
        var lines = rows.Select(r => string.Join(" | ", Enumerable.Range(0, widths.Length)
            .Select(i => Truncate(i < r.Count ? r[i] : string.Empty, Math.Max(widths[i], 1)).PadRight(widths[i]))).TrimEnd()).ToList();
        lines.Insert(1, string.Join("-+-", widths.Select(w => new string('-', w))));
        return string.Join("\n", lines);
    }

    // A code block whose text cannot end it early (``` inside becomes ʼʼʼ) and fits in <paramref name="room"/> characters.
    private static string CodeBlock(string text, int room)
    {
        var safe = SlackMrkdwn.Escape(text.Replace("```", "ʼʼʼ", StringComparison.Ordinal));
        var limit = room - 6;
        if (safe.Length > limit)
        {
            // Cut at a line break or space, which never falls inside an escaped entity ("&amp;").
            var cut = safe.LastIndexOfAny(['\n', ' '], limit - 2);
            safe = safe[..(cut > limit / 2 ? cut : limit - 1)] + Ellipsis;
        }

        return "```" + safe + "```";
    }

    private static void AddSources(List<SlackBlock> blocks, AnswerView view)
    {
        if (view.Sources.Count == 0)
        {
            return;
        }

        blocks.Add(new DividerBlock());
        blocks.Add(new SectionBlock(SlackText.Mrkdwn("*" + SlackMrkdwn.Escape(view.SourcesHeading) + "*")));
        foreach (var source in view.Sources)
        {
            blocks.Add(Source(source));
        }

        if (view.MoreSources > 0)
        {
            blocks.Add(new ContextBlock([SlackText.Mrkdwn(view.MoreSources == 1 ? "1 more source not shown." : $"{view.MoreSources.ToString(CultureInfo.InvariantCulture)} more sources not shown.")]));
        }
    }

    private static ContextBlock Source(SourceView source)
    {
        var marker = $"*[{source.N.ToString(CultureInfo.InvariantCulture)}]* ";
        var link = source.Link is null ? null : SlackMrkdwn.Link(source.Title, source.Link);
        var heading = marker + (link ?? "*" + SlackMrkdwn.Escape(source.Title) + "*");
        if (source.Location is not null)
        {
            heading += " · " + SlackMrkdwn.Escape(source.Location);
        }

        var elements = new List<SlackText> { SlackText.Mrkdwn(heading) };
        if (source.Snippet.Length > 0)
        {
            elements.Add(SlackText.Mrkdwn(SlackMrkdwn.Escape(source.Snippet)));
        }

        return new ContextBlock(elements);
    }

    /// <summary>Collapses line breaks and runs of white space into single spaces.</summary>
    private static string OneLine(string text) => WhiteSpace().Replace(text, " ").Trim();

    private static string Truncate(string text, int max) => CardText.Truncate(text, max);

    [GeneratedRegex(@"\[(?<n>\d{1,4})\]|\s+")]
    private static partial Regex MarkerOrSpace();

    [GeneratedRegex(@"[\s\p{Cc}]+")]
    private static partial Regex WhiteSpace();
}
