using Assistant.Rag.Feedback;

namespace Assistant.Bot.Cards;

/// <summary>
/// Lays out an <see cref="AnswerView"/> as the Adaptive Card that Teams and the playground show: the answer,
/// its numbered sources, the routes searched and 👍/👎 buttons.
/// </summary>
/// <remarks>
/// Stateless and thread-safe. Every card stays far below Teams' 80 KB budget: the view has already cut the text,
/// titles and snippets and listed at most <see cref="AnswerView.MaxSources"/> sources.
/// </remarks>
internal sealed class AdaptiveCardRenderer
{
    /// <summary>Sources shown before "Show more sources".</summary>
    public const int VisibleSources = 3;

    /// <summary>The verb of the 👍/👎 <c>Action.Execute</c> buttons.</summary>
    public const string FeedbackVerb = "feedback";

    /// <summary>Renders an answer; after a vote pass <paramref name="recordedVote"/> to show thanks instead of the buttons.</summary>
    /// <param name="view">The answer as every channel shows it.</param>
    /// <param name="recordedVote">The vote recorded, or null to show the 👍/👎 buttons.</param>
    /// <param name="textShownOutside">
    /// True when the host shows the answer text beside the card (Teams puts it in the message text, where its
    /// [n] markers become citations), so the card carries only the sources and buttons.
    /// </param>
    public AdaptiveCard Render(AnswerView view, VoteValue? recordedVote = null, bool textShownOutside = false)
    {
        ArgumentNullException.ThrowIfNull(view);
        var body = new List<CardElement>();
        if (view.Heading is not null)
        {
            body.Add(new TextBlock(view.Heading) { Weight = TextWeight.Bolder });
        }

        if (!textShownOutside)
        {
            body.Add(new TextBlock(CardMarkdown.Escape(view.Text.Length > 0 ? view.Text : "(no answer text)")));
        }

        foreach (var table in view.Tables)
        {
            AddTable(body, table);
        }

        if (view.Suggestions.Count > 0)
        {
            body.Add(new ActionSet([.. view.Suggestions.Select(q => new SubmitAction(q, new AskData(q)))]) { Spacing = Spacing.Small });
        }

        AddSources(body, view);

        if (view.SmallPrint.Length > 0)
        {
            body.Add(new TextBlock(CardMarkdown.Escape(view.SmallPrint)) { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.Medium });
        }

        if (recordedVote is { } vote)
        {
            body.Add(ThanksBlock(vote));
        }

        return new AdaptiveCard(
            body,
            recordedVote is null && view.CanVote ? FeedbackActions(view.Answer.Id) : null,
            FallbackText: CardText.Truncate(view.Text, AnswerView.MaxSnippetLength));
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

    private static TextBlock ThanksBlock(VoteValue vote) => new(Channels.ChannelTexts.Thanks(vote))
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

    // The caption, the rows (headings first) and the query behind "Show query", as Teams renders a 1.5 Table.
    private static void AddTable(List<CardElement> body, TableView table)
    {
        body.Add(new TextBlock(CardMarkdown.Escape($"{table.Title} · {table.Caption}")) { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.Medium });
        if (table.Columns.Count > 0)
        {
            var rows = new List<TableRow> { Row(table.Columns, TextWeight.Bolder) };
            rows.AddRange(table.Rows.Select(r => Row(r, null)));
            body.Add(new Table([.. table.Columns.Select(_ => new TableColumnDefinition(1))], rows) { Spacing = Spacing.Small });
        }

        body.Add(new ActionSet(
        [
            new ShowCardAction(
                "Show query",
                new AdaptiveCard(
                    [
                        new TextBlock(CardMarkdown.Escape(table.Query)) { FontType = FontType.Monospace, Size = TextSize.Small },
                        new TextBlock(CardMarkdown.Escape($"{table.QueryLanguage.ToUpperInvariant()} · data as of {table.DataAsOf}")) { Size = TextSize.Small, IsSubtle = true },
                    ],
                    Version: null)),
        ]));
    }

    private static TableRow Row(IReadOnlyList<string> cells, TextWeight? weight) =>
        new([.. cells.Select(c => new TableCell([new TextBlock(CardMarkdown.Escape(c)) { Weight = weight }]))]);

    private static void AddSources(List<CardElement> body, AnswerView view)
    {
        if (view.Sources.Count == 0)
        {
            return;
        }

        body.Add(new TextBlock(view.SourcesHeading)
        {
            Weight = TextWeight.Bolder,
            Spacing = Spacing.Medium,
            Separator = true,
        });
        body.AddRange(view.Sources.Take(VisibleSources).Select(Source));

        var hidden = view.Sources.Skip(VisibleSources).Select(Source).ToList<CardElement>();
        if (view.MoreSources > 0)
        {
            hidden.Add(new TextBlock($"{view.MoreSources} more sources not shown.") { Size = TextSize.Small, IsSubtle = true });
        }

        if (hidden.Count > 0)
        {
            var more = view.Sources.Count + view.MoreSources - VisibleSources;
            body.Add(new ActionSet(
            [
                new ShowCardAction(
                    more == 1 ? "Show 1 more source" : $"Show {more} more sources",
                    new AdaptiveCard(hidden, Version: null)),
            ]));
        }
    }

    private static Container Source(SourceView source)
    {
        var marker = $"[{source.N.ToString(System.Globalization.CultureInfo.InvariantCulture)}] ";
        var link = source.Link is null ? null : CardMarkdown.Link(source.Title, source.Link);
        var items = new List<CardElement>
        {
            new TextBlock(marker + (link ?? CardMarkdown.Escape(source.Title))) { Weight = TextWeight.Bolder },
        };
        if (source.Location is not null)
        {
            items.Add(new TextBlock(CardMarkdown.Escape(source.Location))
            {
                Size = TextSize.Small,
                IsSubtle = true,
                Spacing = Spacing.None,
            });
        }

        if (source.Snippet.Length > 0)
        {
            items.Add(new TextBlock(CardMarkdown.Escape(source.Snippet)) { Size = TextSize.Small, IsSubtle = true, Spacing = Spacing.None });
        }

        return new Container(items) { Spacing = Spacing.Small };
    }
}
