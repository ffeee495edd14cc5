using System.Text.Json.Nodes;
using Assistant.Bot.Cards;
using Assistant.Bot.Teams;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Tests.Teams;

public sealed class TeamsMessageFactoryTests
{
    private static readonly TeamsMessageFactory Factory = new(new AdaptiveCardRenderer());

    private static readonly TeamsActivity Inbound = new()
    {
        Type = "message",
        Id = "1700000000111",
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        ChannelId = "msteams",
        From = new ChannelAccount("29:user", "Megan Bowen", "aad-1"),
        Recipient = new ChannelAccount("28:bot", "Fernhill Assistant"),
        Conversation = new ConversationAccount("a:personal", "personal"),
    };

    private static JsonArray Citations(JsonObject message) => message["entities"]![0]!["citation"]!.AsArray();

    [Fact]
    public void AtMostTwentyCitationsAreSentEachMatchingAMarkerInTheText()
    {
        var message = Factory.Answer(Inbound, Answers.ManyCitations(25));

        var positions = Citations(message).Select(c => c!["position"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(1, 20), positions);
        var text = message["text"]!.GetValue<string>();
        Assert.All(positions, n => Assert.Contains($"[{n}]", text, StringComparison.Ordinal));
    }

    [Fact]
    public void CitationsNotMarkedInTheTextAreLeftOut()
    {
        var answer = Answers.Normal() with { Text = "Book through the travel portal [2]." };

        var message = Factory.Answer(Inbound, answer);

        Assert.Equal([2], Citations(message).Select(c => c!["position"]!.GetValue<int>()));
    }

    [Fact]
    public void CitationAppearancesKeepTeamsLimits()
    {
        var answer = Answers.Normal() with
        {
            Citations = [Answers.Citation(1, title: new string('T', 200), url: "docs/handbook.pdf", snippet: new string('s', 500)), Answers.Citation(2)],
        };

        var appearance = Citations(Factory.Answer(Inbound, answer))[0]!["appearance"]!;

        Assert.True(appearance["name"]!.GetValue<string>().Length <= 80);
        Assert.True(appearance["abstract"]!.GetValue<string>().Length <= 160);
        Assert.Null(appearance["url"]);
        Assert.Equal("PDF", appearance["image"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void OnlyALlmWrittenAnswerCarriesTheAiGeneratedLabel()
    {
        var generated = Factory.Answer(Inbound, Answers.ManyCitations(2));
        var quoted = Factory.Answer(Inbound, Answers.Normal());

        Assert.Equal("AIGeneratedContent", generated["entities"]![0]!["additionalType"]![0]!.GetValue<string>());
        Assert.Null(quoted["entities"]![0]!["additionalType"]);
    }

    [Fact]
    public void ARefusedQuestionGetsPlainTextWithoutCardOrFeedback()
    {
        var message = Factory.Answer(Inbound, Answers.Rejected());

        Assert.Null(message["attachments"]);
        Assert.Null(message["channelData"]);
        Assert.Contains("type your question", message["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("many")]
    [InlineData("long")]
    [InlineData("chinese")]
    [InlineData("none")]
    public async Task EveryAnswerMessageStaysWithinTheBudgetAndItsCardValidates(string kind)
    {
        var answer = kind switch
        {
            "many" => Answers.ManyCitations(40),
            "long" => Answers.LongText(),
            "chinese" => Answers.Chinese(),
            _ => Answers.NoEvidence(),
        };

        var message = Factory.Answer(Inbound, answer);

        Assert.True(TeamsMessageFactory.MessageBytes(message) <= TeamsMessageFactory.MaxMessageBytes);
        var card = message["attachments"]![0]!["content"]!;
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var verdict = await CardValidator.ValidateAsync(card.ToJsonString());
        Assert.True(verdict.Valid, verdict.RawOutput);
    }
}
