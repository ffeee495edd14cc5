using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Cards;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private const int MaxCardBytes = 80 * 1024;

    private readonly AdaptiveCardRenderer _renderer = new();

    public static TheoryData<string> EveryKindOfCard { get; } =
    [
        "normal", "no-evidence", "rejected", "many-citations", "long-text", "chinese", "path-source", "voted-up", "welcome", "thanks-up", "thanks-down", "table", "big-table", "suggestions",
    ];

    [Theory]
    [MemberData(nameof(EveryKindOfCard))]
    public async Task EveryCardTheRendererMakesPassesTheOfficialValidatorAndFitsTeamsSizeLimit(string kind)
    {
        var card = Card(kind);
        var json = AdaptiveCardJson.Serialize(card);

        var verdict = await CardValidator.ValidateAsync(json);

        Assert.True(verdict.Valid && verdict.ExitCode == 0, $"{kind} card is invalid:\n{verdict.RawOutput}\n{json}");
        Assert.InRange(Encoding.UTF8.GetByteCount(json), 1, MaxCardBytes);
    }

    [Theory]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Carousel3D","text":"x"}]}""")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","isSubtile":true}]}""")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","body":[],"actions":[{"type":"Action.OpenUrl","title":"Open"}]}""")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","body":[],"actions":[{"type":"Action.Execute","title":"Go","verb":"go"}]}""")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.6","body":[{"type":"TextBlock","text":"x"}]}""")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x",""")]
    public async Task ValidatorRejectsABrokenCard(string brokenCard)
    {
        var verdict = await CardValidator.ValidateAsync(brokenCard);

        Assert.False(verdict.Valid, verdict.RawOutput);
        Assert.NotEqual(0, verdict.ExitCode);
        Assert.NotEmpty(verdict.Errors);
    }

    [Fact]
    public void CardDeclaresTheSchemaTypeAndVersionTeamsRenders()
    {
        var json = AdaptiveCardJson.ToJsonObject(_renderer.Render(Answers.Normal()));

        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)json["$schema"]);
        Assert.Equal("AdaptiveCard", (string?)json["type"]);
        Assert.Equal("1.5", (string?)json["version"]);
    }

    [Fact]
    public void FeedbackButtonsExecuteTheFeedbackVerbWithASubmitFallbackCarryingTheSameData()
    {
        var json = AdaptiveCardJson.ToJsonObject(_renderer.Render(Answers.Normal("ans-42")));

        var actions = json["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        foreach (var (action, vote) in actions.Zip(["up", "down"]))
        {
            Assert.Equal("Action.Execute", (string?)action!["type"]);
            Assert.Equal("feedback", (string?)action["verb"]);
            var data = new JsonObject { ["answerId"] = "ans-42", ["vote"] = vote };
            Assert.True(JsonNode.DeepEquals(data, action["data"]), action.ToJsonString());
            Assert.Equal("Action.Submit", (string?)action["fallback"]!["type"]);
            Assert.True(JsonNode.DeepEquals(data, action["fallback"]!["data"]), action.ToJsonString());
        }
    }

    [Fact]
    public void AnswerTextSourcesAndRoutesAreAllOnTheCard()
    {
        var text = CardText(_renderer.Render(Answers.Normal()));

        Assert.Contains("Book flights through the travel portal at least 14 days ahead [1].", text, StringComparison.Ordinal);
        Assert.Contains("[1] [Travel policy, part 1](https://intranet.example.com/policies/travel-1)", text, StringComparison.Ordinal);
        Assert.Contains("Employees book flights through the travel portal", text, StringComparison.Ordinal);
        Assert.Contains("Searched: vector 1.0 · keyword 1.0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WhyTheRoutesWereChosenIsInTheSmallPrintOnce()
    {
        var text = CardText(_renderer.Render(Answers.Normal() with
        {
            Routes = [new("sql", 1.0, "sql question: a count (confidence 0.82)", 4), new("keyword", 0.3, "sql question: a count (confidence 0.82)", 7)],
        }));

        Assert.Contains("Searched: sql 1.0 · keyword 0.3 (sql question: a count (confidence 0.82))", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "confidence 0.82"));
    }

    [Fact]
    public void OnlyThreeSourcesShowAndTheRestAreBehindShowMoreSources()
    {
        var json = AdaptiveCardJson.ToJsonObject(_renderer.Render(Answers.ManyCitations(5)));

        var body = json["body"]!.AsArray();
        var visible = body.Where(e => (string?)e!["type"] == "Container").ToList();
        Assert.Equal(3, visible.Count);
        var showMore = body.Single(e => (string?)e!["type"] == "ActionSet")!["actions"]![0]!;
        Assert.Equal("Action.ShowCard", (string?)showMore["type"]);
        Assert.Equal("Show 2 more sources", (string?)showMore["title"]);
        var hiddenText = showMore["card"]!.ToJsonString();
        Assert.Contains("[4] [Travel policy, part 4]", hiddenText, StringComparison.Ordinal);
        Assert.Contains("[5] [Travel policy, part 5]", hiddenText, StringComparison.Ordinal);
        Assert.DoesNotContain("[4]", visible.Select(v => v!.ToJsonString()).Aggregate(string.Concat), StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeOrFewerSourcesNeedNoShowMoreButton()
    {
        var json = AdaptiveCardJson.ToJsonObject(_renderer.Render(Answers.ManyCitations(3)));

        Assert.DoesNotContain(json["body"]!.AsArray(), e => (string?)e!["type"] == "ActionSet");
    }

    [Fact]
    public void ASourceWithAPathInsteadOfAWebAddressIsNotALinkButShowsThePath()
    {
        var answer = Answers.Normal() with { Citations = [Answers.Citation(1, "Handbook", "docs/hand book.pdf"), Answers.Citation(2, "Bad", "javascript:alert(1)")] };

        var text = CardText(_renderer.Render(answer));

        Assert.Contains("[1] Handbook", text, StringComparison.Ordinal);
        Assert.Contains("docs/hand book.pdf", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](javascript:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](docs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LongAnswerTextAndSnippetsAreCutWithAnEllipsis()
    {
        var json = AdaptiveCardJson.ToJsonObject(_renderer.Render(Answers.LongText()));

        var texts = json["body"]!.AsArray().Select(e => (string?)e!["text"] ?? e!.ToJsonString()).ToList();
        var answerText = texts[0];
        Assert.Equal(AnswerView.MaxTextLength, answerText.Length);
        Assert.EndsWith("…", answerText, StringComparison.Ordinal);
        var snippet = (string)json["body"]![2]!["items"]![1]!["text"]!;
        Assert.Equal(AnswerView.MaxSnippetLength, snippet.Length);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownInTheAnswerIsEscapedButCitationMarkersStayReadable()
    {
        var answer = Answers.Normal() with { Text = "Use *the* portal_v2 [1](evil) and `code`.\n2019. was the year [2]\n# not a heading\n## nor this\n>not a quote\n#hashtag\n1) not a list" };

        var text = (string)AdaptiveCardJson.ToJsonObject(_renderer.Render(answer))["body"]![0]!["text"]!;

        Assert.Equal("Use \\*the\\* portal\\_v2 [1\\](evil) and \\`code\\`.\n2019\\. was the year [2]\n\\# not a heading\n\\## nor this\n\\>not a quote\n#hashtag\n1\\) not a list", text);
    }

    [Fact]
    public void NoEvidenceAnswerSaysPlainlyThatNothingWasFound()
    {
        var text = CardText(_renderer.Render(Answers.NoEvidence()));

        Assert.Contains("I couldn't find this", text, StringComparison.Ordinal);
        Assert.Contains("none of the documents I searched answers this", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sources", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectedQuestionShowsOnlyWhyNotThatTheKnowledgeBaseWasSearched()
    {
        var text = CardText(_renderer.Render(Answers.Rejected()));

        Assert.Contains("doesn't look like text", text, StringComparison.Ordinal);
        Assert.DoesNotContain("couldn't find", text, StringComparison.Ordinal);
        Assert.DoesNotContain("No source", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ChineseTextIsWrittenAsItselfNotAsEscapes()
    {
        var json = AdaptiveCardJson.Serialize(_renderer.Render(Answers.Chinese()));

        Assert.Contains("上海办公室的供应商包括华东物流有限公司 [1]", json, StringComparison.Ordinal);
        Assert.Contains("Searched: graph 0.7 · vector 0.3", json, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterAVoteTheCardThanksTheUserInsteadOfShowingButtons()
    {
        var json = AdaptiveCardJson.ToJsonObject(_renderer.Render(Answers.Normal(), VoteValue.Down));

        Assert.Null(json["actions"]);
        Assert.Contains("Thanks for the feedback", json.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Book flights", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorstCaseAnswerStaysUnderTheSizeLimitAndValid()
    {
        var huge = new string('*', 20_000);
        var answer = Answers.ManyCitations(60) with
        {
            Text = huge,
            Citations = [.. Enumerable.Range(1, 60).Select(n => Answers.Citation(n, new string('_', 5000), "https://x.example.com/" + new string('a', 900), new string('`', 5000)))],
        };

        var json = AdaptiveCardJson.Serialize(_renderer.Render(answer));

        Assert.InRange(Encoding.UTF8.GetByteCount(json), 1, MaxCardBytes);
        Assert.InRange(json.Length * 2, 1, MaxCardBytes); // Teams counts message size in UTF-16
        Assert.Contains("50 more sources not shown", json, StringComparison.Ordinal);
        var verdict = await CardValidator.ValidateAsync(json);
        Assert.True(verdict.Valid, verdict.RawOutput);
    }

    private AdaptiveCard Card(string kind) => kind switch
    {
        "normal" => _renderer.Render(Answers.Normal()),
        "no-evidence" => _renderer.Render(Answers.NoEvidence()),
        "rejected" => _renderer.Render(Answers.Rejected()),
        "many-citations" => _renderer.Render(Answers.ManyCitations(12)),
        "long-text" => _renderer.Render(Answers.LongText()),
        "chinese" => _renderer.Render(Answers.Chinese()),
        "path-source" => _renderer.Render(Answers.Normal() with { Citations = [Answers.Citation(1, url: "docs/handbook.pdf")] }),
        "voted-up" => _renderer.Render(Answers.Normal(), VoteValue.Up),
        "welcome" => _renderer.RenderWelcome(),
        "thanks-up" => _renderer.RenderFeedbackThanks(VoteValue.Up),
        "thanks-down" => _renderer.RenderFeedbackThanks(VoteValue.Down),
        "table" => _renderer.Render(Answers.Queried()),
        "big-table" => _renderer.Render(Answers.Queried(rows: 500, totalRows: 12000, truncated: true)),
        "suggestions" => _renderer.Render(Answers.WithSuggestions()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    [Fact]
    public void ATableAnswerShowsItsRowsUnderHeadingsAndTheQueryBehindShowQuery()
    {
        var json = AdaptiveCardJson.ToJsonObject(_renderer.Render(Answers.Queried()));
        var body = json["body"]!.AsArray();

        var table = body.Single(e => (string?)e!["type"] == "Table")!;
        var rows = table["rows"]!.AsArray();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["team", "open\\_p1"], rows[0]!["cells"]!.AsArray().Select(c => (string?)c!["items"]![0]!["text"]));
        Assert.Equal("19", (string?)rows[1]!["cells"]![1]!["items"]![0]!["text"]);
        Assert.Equal(2, table["columns"]!.AsArray().Count);
        var text = CardText(_renderer.Render(Answers.Queried()));
        Assert.Contains("servicedesk database: tickets, teams · 3 rows", text, StringComparison.Ordinal);
        Assert.Contains("SELECT t.name AS team", text, StringComparison.Ordinal);
        Assert.Contains("data as of 2026-11-29 08:00 UTC", text, StringComparison.Ordinal);
        var showQuery = body.Where(e => (string?)e!["type"] == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()).Single(a => (string?)a!["title"] == "Show query")!;
        Assert.Equal("Monospace", (string?)showQuery["card"]!["body"]![0]!["fontType"]);
    }

    [Fact]
    public void ALongTableShowsItsFirstRowsAndSaysHowManyThereAre()
    {
        var card = _renderer.Render(Answers.Queried(rows: 500, totalRows: 12000, truncated: true));
        var table = AdaptiveCardJson.ToJsonObject(card)["body"]!.AsArray().Single(e => (string?)e!["type"] == "Table")!;

        Assert.Equal(AnswerView.MaxTableRows + 1, table["rows"]!.AsArray().Count);
        Assert.Contains("First 20 of 12,000 rows", CardText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void SuggestedQuestionsAreButtonsThatPostTheQuestionAsTheUsersMessage()
    {
        var json = AdaptiveCardJson.ToJsonObject(_renderer.Render(Answers.WithSuggestions()));

        var buttons = json["body"]!.AsArray().Where(e => (string?)e!["type"] == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()).Where(a => (string?)a!["type"] == "Action.Submit").ToList();
        Assert.Equal(3, buttons.Count);
        Assert.Equal("How many open P1 tickets does the Network team have?", (string?)buttons[0]!["data"]!["msteams"]!["value"]);
        Assert.Equal("imBack", (string?)buttons[0]!["data"]!["msteams"]!["type"]);
        Assert.Equal("How many open P1 tickets does the Network team have?", (string?)buttons[0]!["data"]!["ask"]);
    }

    private static string CardText(AdaptiveCard card) => string.Join('\n', Texts(AdaptiveCardJson.ToJsonObject(card)));

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => (o["text"] is JsonValue v ? [(string)v!] : Enumerable.Empty<string>()).Concat(o.Where(p => p.Key != "text").SelectMany(p => Texts(p.Value))),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };
}
