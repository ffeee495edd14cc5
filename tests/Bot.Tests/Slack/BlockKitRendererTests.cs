using Assistant.Bot.Cards;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Cards.BlockKit;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Tests.Slack;

public sealed class BlockKitRendererTests
{
    private readonly BlockKitRenderer _renderer = new();

    public static TheoryData<string> AnswerShapes => ["normal", "no evidence", "rejected", "many citations", "long text", "chinese", "hostile", "huge", "table", "big table", "suggestions"];

    [Theory]
    [MemberData(nameof(AnswerShapes))]
    public void EveryAnswerStaysWithinBlockKitLimits(string shape)
    {
        var message = Json(_renderer.Render(Answer(shape)));

        BlockKitLimits.AssertWithin(message);
    }

    [Fact]
    public void ALongAnswerWithManyCitationsIsSplitIntoSectionsCutWithAnEllipsisAndListsTenSources()
    {
        var answer = Answer("huge");

        var message = Json(_renderer.Render(answer));

        var blocks = message["blocks"]!.AsArray();
        var sections = blocks.Where(b => Type(b) == "section").Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();
        // The answer view cuts the text at 4,000 characters (as on every channel); Block Kit splits it into sections.
        var answerSections = sections.Where(s => !s.StartsWith('*')).ToList();
        Assert.InRange(answerSections.Count, 2, BlockKitRenderer.MaxAnswerSections);
        Assert.EndsWith("…", answerSections[^1], StringComparison.Ordinal);
        var sources = blocks.Where(b => Type(b) == "context" && b!["elements"]![0]!["text"]!.GetValue<string>().StartsWith("*[", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, sources.Count);
        Assert.Contains(blocks, b => Type(b) == "context" && b!["elements"]![0]!["text"]!.GetValue<string>() == "50 more sources not shown.");

        // Every section ends on a whole link or entity: nothing cut in the middle of "<url|[n]>" or "&amp;".
        Assert.All(sections, s => Assert.Equal(s.Count(c => c == '<'), s.Count(c => c == '>')));
        Assert.All(sections, s => Assert.DoesNotMatch("&[a-z]{0,3}$", s));
    }

    [Fact]
    public void MarkersBecomeLinksToTheirSourcesAndTextIsEscaped()
    {
        var answer = Answers.Normal() with
        {
            Text = "Use <b>the portal</b> & book early [1]. See also [2] and [7].",
            Citations = [Answers.Citation(1), Answers.Citation(2, url: "docs/travel.md")],
        };

        var message = Json(_renderer.Render(answer));

        var text = message["blocks"]![0]!["text"]!["text"]!.GetValue<string>();
        Assert.Equal("Use &lt;b&gt;the portal&lt;/b&gt; &amp; book early <https://intranet.example.com/policies/travel-1|[1]>. See also [2] and [7].", text);
        Assert.Equal("Use &lt;b&gt;the portal&lt;/b&gt; &amp; book early [1]. See also [2] and [7].", message["text"]!.GetValue<string>());
        var second = message["blocks"]!.AsArray().Single(b => Type(b) == "context" && b!["elements"]![0]!["text"]!.GetValue<string>().StartsWith("*[2]*", StringComparison.Ordinal));
        Assert.Equal("*[2]* *Travel policy, part 2* · docs/travel.md", second!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ASourceTitleCannotBreakOutOfItsLink()
    {
        var answer = Answers.Normal() with { Citations = [Answers.Citation(1, title: "Q&A <@channel> | >here", url: "https://x.example/a?b=1&c=2|3")] };

        var message = Json(_renderer.Render(answer));

        var source = message["blocks"]!.AsArray().Single(b => Type(b) == "context" && b!["elements"]![0]!["text"]!.GetValue<string>().StartsWith("*[1]*", StringComparison.Ordinal));
        Assert.Equal("*[1]* <https://x.example/a?b=1&amp;c=2%7C3|Q&amp;A &lt;@channel&gt; | &gt;here>", source!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void TheFeedbackButtonsCarryTheAnswerId()
    {
        var message = Json(_renderer.Render(Answers.Normal("ans-42")));

        var actions = message["blocks"]!.AsArray().Single(b => Type(b) == "actions")!;
        Assert.Equal("feedback", actions["block_id"]!.GetValue<string>());
        Assert.Equal(
            [("feedback_up", "ans-42", "👍 Helpful"), ("feedback_down", "ans-42", "👎 Not helpful")],
            actions["elements"]!.AsArray().Select(b => (b!["action_id"]!.GetValue<string>(), b["value"]!.GetValue<string>(), b["text"]!["text"]!.GetValue<string>())));
    }

    [Fact]
    public void ANoEvidenceAnswerSaysSoAndCallsItsSourcesTheClosest()
    {
        var answer = Answers.NoEvidence() with { Citations = [Answers.Citation(1)] };

        var blocks = Json(_renderer.Render(answer))["blocks"]!.AsArray();

        Assert.Equal("*" + AnswerView.NoEvidenceHeading + "*", blocks[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Contains(blocks, b => Type(b) == "section" && b!["text"]!["text"]!.GetValue<string>() == "*Closest sources I looked at*");
    }

    [Fact]
    public void InADirectMessageAVoteReplacesTheButtonsWithThanks()
    {
        var blocks = Json(_renderer.Render(Answers.Normal()))["blocks"]!.AsArray();

        var after = _renderer.AcknowledgeVote(blocks, VoteValue.Down, [Vote(VoteValue.Down)], keepButtons: false);

        Assert.DoesNotContain(after, b => Type(b) == "actions");
        Assert.Equal(blocks.Count, after.Count);
        Assert.Equal("👎 Thanks for the feedback: it helps us improve the answers.", after[^1]!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void InAChannelTheButtonsStayAndOneThanksLineWithTheTallyFollowsThem()
    {
        var blocks = Json(_renderer.Render(Answers.Normal()))["blocks"]!.AsArray();

        var once = _renderer.AcknowledgeVote(blocks, VoteValue.Up, [Vote(VoteValue.Up)], keepButtons: true);
        var twice = _renderer.AcknowledgeVote(once, VoteValue.Up, [Vote(VoteValue.Up), Vote(VoteValue.Up), Vote(VoteValue.Down)], keepButtons: true);

        Assert.Equal(blocks.Count + 1, twice.Count);
        Assert.Equal("actions", Type(twice[^2]));
        Assert.Single(twice, b => b!["block_id"]?.GetValue<string>() == "feedback_thanks");
        Assert.Equal("Thanks for the feedback · 👍 2 · 👎 1", twice[^1]!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ATableIsAPaddedGridInACodeBlockWithItsCaptionAndItsQuery()
    {
        var blocks = Json(_renderer.Render(Answers.Queried()))["blocks"]!.AsArray();
        var texts = blocks.Select(b => Type(b) switch
        {
            "section" => b!["text"]!["text"]!.GetValue<string>(),
            "context" => b!["elements"]![0]!["text"]!.GetValue<string>(),
            _ => null,
        }).OfType<string>().ToList();

        Assert.Contains("servicedesk database: tickets, teams · 3 rows · data as of 2026-11-29 08:00 UTC", texts);
        var grid = texts.Single(t => t.StartsWith("```team", StringComparison.Ordinal));
        var lines = grid.Trim('`').Split('\n');
        Assert.Equal("team          | open_p1", lines[0]);
        Assert.Equal("Team &lt;1&gt; &amp; co | 19", lines[2]);
        Assert.Contains(texts, t => t.StartsWith("*Query* (SQL)\n```SELECT t.name AS team", StringComparison.Ordinal));
    }

    [Fact]
    public void SuggestedQuestionsAreButtonsCarryingTheQuestion()
    {
        var blocks = Json(_renderer.Render(Answers.WithSuggestions()))["blocks"]!.AsArray();

        var buttons = blocks.Single(b => b!["block_id"]?.GetValue<string>() == BlockKitRenderer.SuggestionsBlockId)!["elements"]!.AsArray();
        Assert.Equal(["ask_suggestion_0", "ask_suggestion_1", "ask_suggestion_2"], buttons.Select(b => b!["action_id"]!.GetValue<string>()));
        Assert.Equal("How many open P1 tickets does the Network team have?", buttons[0]!["value"]!.GetValue<string>());
        Assert.True(BlockKitRenderer.IsAsk("ask_suggestion_2"));
        Assert.False(BlockKitRenderer.IsAsk("feedback_up"));
    }

    private static Vote Vote(VoteValue value) => new("ans-1", "U1", "slack", "C1", value, Answers.At);

    private static JsonNode Json(SlackMessage message) =>
        JsonNode.Parse(JsonSerializer.Serialize(message, BlockKitJson.Options))!;

    private static string? Type(JsonNode? block) => block?["type"]?.GetValue<string>();

    private static Answer Answer(string shape) => shape switch
    {
        "normal" => Answers.Normal(),
        "no evidence" => Answers.NoEvidence(),
        "rejected" => Answers.Rejected(),
        "many citations" => Answers.ManyCitations(40),
        "long text" => Answers.LongText(),
        "chinese" => Answers.Chinese(),
        "hostile" => Answers.Normal() with
        {
            Text = string.Concat(Enumerable.Repeat("<!channel> & <@U1> ", 800)) + new string('&', 5000) + " [1]",
            Citations = [Answers.Citation(1, title: new string('<', 500), url: "https://x.example/" + new string('a', 5000), snippet: new string('>', 2000))],
            Routes = [.. Enumerable.Range(1, 30).Select(i => new RouteUse(new string('r', 100), 1.0, "why", i))],
        },
        "table" => Answers.Queried(),
        "big table" => Answers.Queried(rows: 500, totalRows: 12000, truncated: true) with
        {
            Tables = [Answers.Table(500, 12000, true) with
            {
                Columns = [.. Enumerable.Range(1, 12).Select(i => new string('c', 200))],
                Rows = [.. Enumerable.Range(1, 500).Select(_ => (IReadOnlyList<object?>)[.. Enumerable.Range(1, 12).Select(_ => (object?)string.Concat(Enumerable.Repeat("<&>`", 100)))])],
                Query = string.Concat(Enumerable.Repeat("SELECT '```<&>' ", 2000)),
            }],
        },
        "suggestions" => Answers.WithSuggestions(),
        _ => Answers.ManyCitations(60) with
        {
            Text = string.Concat(Enumerable.Range(1, 60).Select(n => $"{string.Concat(Enumerable.Repeat("A long sentence about travel & expenses. ", 10))}[{n}] ")),
            Citations = [.. Enumerable.Range(1, 60).Select(n => Answers.Citation(n, title: new string('T', 400), snippet: new string('s', 1000)))],
        },
    };
}
