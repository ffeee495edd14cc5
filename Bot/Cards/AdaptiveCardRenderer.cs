using System.Globalization;
using System.Text;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Cards;

/// <summary>
/// Turns an <see cref="Answer"/> into the Adaptive Card that Teams and the playground show: the answer,
/// its numbered sources, the routes searched and 👍/👎 buttons.
/// </summary>
/// <remarks>
/// Stateless and thread-safe. Every card stays far below Teams' 80 KB budget: the answer text, titles and
/// snippets are cut with an ellipsis and at most <see cref="MaxSources"/> sources are listed.
/// </remarks>
internal sealed class AdaptiveCardRenderer
{
    /// <summary>Answer text beyond this many characters is cut.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Snippets beyond this many characters are cut.</summary>
    public const int MaxSnippetLength = 300;

    /// <summary>Titles beyond this many characters are cut.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The routing reason beyond this many characters is cut.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Sources shown before "Show more sources".</summary>
    public const int VisibleSources = 3;

    /// <summary>Sources listed at most; the rest are counted, not shown.</summary>
    public const int MaxSources = 10;

    /// <summary>The verb of the 👍/👎 <c>Action.Execute</c> buttons.</summary>
    public const string FeedbackVerb = "feedback";

    private const string Ellipsis = "…";

    /// <summary>Renders an answer; after a vote pass <paramref name="recordedVote"/> to show thanks instead of the buttons.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="recordedVote">The vote recorded, or null to show the 👍/👎 buttons.</param>
    /// <param name="textShownOutside">
    /// True when the host shows the answer text beside the card (Teams puts it in the message text, where its
    /// [n] markers become citations), so the card carries only the sources and buttons.
    /// </param>
    public AdaptiveCard Render(Answer answer, VoteValue? recordedVote = null, bool textShownOutside = false)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var noEvidence = answer.Kind == AnswerKind.NoEvidence;
        var body = new List<CardElement>();

        if (noEvidence)
        {
            body.Add(new TextBlock("🔍 I couldn't find this in the knowledge base") { Weight = TextWeight.Bolder });
        }

        var text = Truncate(answer.Text.Trim(), MaxTextLength);
        if (!textShownOutside)
        {
            body.Add(new TextBlock(CardMarkdown.Escape(text.Length > 0 ? text : "(no answer text)")));
        }

        AddSources(body, answer.Citations, noEvidence);

        var smallPrint = SmallPrint(answer);
        if (smallPrint.Length > 0)
        {
            body.Add(new TextBlock(CardMarkdown.Escape(smallPrint)) { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.Medium });
        }

        if (recordedVote is { } vote)
        {
            body.Add(ThanksBlock(vote));
        }

        return new AdaptiveCard(
            body,
            recordedVote is null ? FeedbackActions(answer.Id) : null,
            FallbackText: Truncate(text, MaxSnippetLength));
    }

    /// <summary>The card sent when the bot is added to a conversation.</summary>
    public AdaptiveCard RenderWelcome() => new(
        [
            new TextBlock("👋 Hi! I answer questions from the company's knowledge base.") { Size = TextSize.Medium, Weight = TextWeight.Bolder },
            new TextBlock("Ask in plain words, for example \"How do I request parental leave?\". Every answer lists its sources as [1], [2] … so you can check them."),
            new TextBlock("In a channel or group chat, @mention me. Use 👍 or 👎 under an answer to tell me whether it helped: that improves the next answers.")
            {
                Size = TextSize.Small,
                IsSubtle = true,
            },
        ],
        FallbackText: "Hi! I answer questions from the company's knowledge base.");

    /// <summary>The small card that replaces the 👍/👎 buttons once a vote is recorded.</summary>
    public AdaptiveCard RenderFeedbackThanks(VoteValue vote) => new([ThanksBlock(vote)], FallbackText: "Thanks for the feedback");

    private static TextBlock ThanksBlock(VoteValue vote) => new(vote == VoteValue.Up
        ? "👍 Thanks for the feedback!"
        : "👎 Thanks for the feedback: it helps us improve the answers.")
    {
        Size = TextSize.Small,
        IsSubtle = true,
        Spacing = Spacing.Medium,
    };

    private static List<CardAction> FeedbackActions(string answerId) =>
    [
        FeedbackAction("👍 Helpful", new FeedbackData(answerId, "up")),
        FeedbackAction("👎 Not helpful", new FeedbackData(answerId, "down")),
    ];

    // Teams sends Action.Execute to the bot as an invoke; hosts without Universal Actions (the playground,
    // older clients) drop it and use the Action.Submit fallback, which carries the same data.
    private static ExecuteAction FeedbackAction(string title, FeedbackData data) =>
        new(title, FeedbackVerb, data, new SubmitAction(title, data));

    private static void AddSources(List<CardElement> body, IReadOnlyList<Citation> citations, bool noEvidence)
    {
        if (citations.Count == 0)
        {
            return;
        }

        var ordered = citations.OrderBy(c => c.N).ToList();
        var listed = ordered.Take(MaxSources).ToList();

        body.Add(new TextBlock(noEvidence ? "Closest sources I looked at" : "Sources")
        {
            Weight = TextWeight.Bolder,
            Spacing = Spacing.Medium,
            Separator = true,
        });
        body.AddRange(listed.Take(VisibleSources).Select(Source));

        var hidden = listed.Skip(VisibleSources).Select(Source).ToList<CardElement>();
        if (ordered.Count > listed.Count)
        {
            hidden.Add(new TextBlock($"{ordered.Count - listed.Count} more sources not shown.") { Size = TextSize.Small, IsSubtle = true });
        }

        if (hidden.Count > 0)
        {
            var more = ordered.Count - VisibleSources;
            body.Add(new ActionSet(
            [
                new ShowCardAction(
                    more == 1 ? "Show 1 more source" : $"Show {more} more sources",
                    new AdaptiveCard(hidden, Version: null)),
            ]));
        }
    }

    private static Container Source(Citation citation)
    {
        var title = Truncate(OneLine(citation.Title), MaxTitleLength);
        if (title.Length == 0)
        {
            title = "Untitled";
        }

        var marker = $"[{citation.N.ToString(CultureInfo.InvariantCulture)}] ";
        var link = CardMarkdown.Link(title, citation.Url);
        var items = new List<CardElement>
        {
            new TextBlock(marker + (link ?? CardMarkdown.Escape(title))) { Weight = TextWeight.Bolder },
        };

        // A path or other non-web address cannot be a link, but still tells the reader where to look.
        if (link is null && !string.IsNullOrWhiteSpace(citation.Url))
        {
            items.Add(new TextBlock(CardMarkdown.Escape(Truncate(OneLine(citation.Url), MaxTitleLength)))
            {
                Size = TextSize.Small,
                IsSubtle = true,
                Spacing = Spacing.None,
            });
        }

        var snippet = Truncate(OneLine(citation.Snippet), MaxSnippetLength);
        if (snippet.Length > 0)
        {
            items.Add(new TextBlock(CardMarkdown.Escape(snippet)) { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.None });
        }

        return new Container(items) { Spacing = Spacing.Small };
    }

    private static string SmallPrint(Answer answer)
    {
        var parts = new List<string>();
        if (answer.Routes.Count > 0)
        {
            var searched = "Searched: " + string.Join(" · ", answer.Routes.Select(r =>
                $"{Truncate(OneLine(r.Name), 40)} {r.Weight.ToString("0.0#", CultureInfo.InvariantCulture)}"));

            // Why the router chose these routes; routes of one decision usually share the reason, so it is said once.
            var reasons = string.Join("; ", answer.Routes.Select(r => OneLine(r.Reason)).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal));
            parts.Add(reasons.Length > 0 ? $"{searched} ({Truncate(reasons, MaxReasonLength)})" : searched);
        }

        var note = answer.Kind switch
        {
            AnswerKind.Generated => "Written by AI from the sources; check them before you rely on it.",
            AnswerKind.Extractive => "Quoted from the sources.",
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

    /// <summary>Collapses line breaks and runs of white space into single spaces.</summary>
    private static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Cuts to at most <paramref name="max"/> characters, ellipsis included, never inside a surrogate pair.</summary>
    internal static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - Ellipsis.Length;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }
}
