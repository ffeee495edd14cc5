using System.Text.Json;
using Assistant.Bot.Teams;

namespace Assistant.Bot.Tests.Teams;

public sealed class MentionTextTests
{
    private const string BotId = "28:7a1e5b2c-3d4f-4a6b-9c8d-0e1f2a3b4c5d";

    private static JsonElement[] Entities(string json) => JsonSerializer.Deserialize<JsonElement[]>(json)!;

    [Fact]
    public void TheBotsOwnMentionIsRemovedAndOtherMentionsStay()
    {
        var entities = Entities($$"""
            [{"type":"mention","mentioned":{"id":"{{BotId}}","name":"Fernhill Assistant"},"text":"<at>Fernhill Assistant</at>"},
             {"type":"mention","mentioned":{"id":"29:someone","name":"Adele"},"text":"<at>Adele</at>"}]
            """);

        var text = MentionText.StripBotMention("<at>Fernhill Assistant</at> does <at>Adele</at> approve travel?", entities, BotId);

        Assert.Equal("does <at>Adele</at> approve travel?", text);
    }

    [Fact]
    public void AMentionWithoutTextIsRemovedByNameAndEntitiesAreDecoded()
    {
        var entities = Entities($$$"""[{"type":"mention","mentioned":{"id":"{{{BotId}}}","name":"Bot"}}]""");

        var text = MentionText.StripBotMention("<AT>Bot</AT>&nbsp;where is the bike room &amp; showers?", entities, BotId);

        Assert.Equal("where is the bike room & showers?", text);
    }

    [Fact]
    public void MentionTextThatOnlyLooksLikeTheBotIsNotRemovedWithoutAMatchingEntity()
    {
        var entities = Entities("""[{"type":"mention","mentioned":{"id":"29:other","name":"Bot"},"text":"<at>Bot</at>"}]""");

        var text = MentionText.StripBotMention("<at>Bot</at> hello", entities, BotId);

        Assert.Equal("<at>Bot</at> hello", text);
    }
}
