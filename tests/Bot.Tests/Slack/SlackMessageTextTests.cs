using Assistant.Bot.Slack;

namespace Assistant.Bot.Tests.Slack;

public sealed class SlackMessageTextTests
{
    [Theory]
    [InlineData("<@UBOT> is it everything a river should be?", "is it everything a river should be?")]
    [InlineData("<@UBOT|assistant>   how   do I  reset my password?", "how do I reset my password?")]
    [InlineData("Hey <@UBOT>, who runs payroll? <@UBOT>", "Hey , who runs payroll?")]
    [InlineData("<@UBOT> ask <@U0OTHER> or <@U0THIRD|maria>", "ask @U0OTHER or @maria")]
    [InlineData("<@UBOT> see <#C123|it-help> and <https://intranet.example.com/x?a=1&amp;b=2|the page>", "see #it-help and the page")]
    [InlineData("<@UBOT> is <https://example.com> down?", "is https://example.com down?")]
    [InlineData("<!here> <@UBOT> R&amp;D budget &lt;2026&gt;", "@here R&D budget <2026>")]
    [InlineData("<@UBOT>", "")]
    [InlineData("", "")]
    public void TheBotsMentionIsStrippedAndSlackMarkupBecomesText(string text, string expected)
    {
        Assert.Equal(expected, SlackMessageText.ToQuestion(text, "UBOT"));
    }

    [Fact]
    public void WithoutTheBotsIdOtherMentionsAreKept()
    {
        Assert.Equal("@UBOT what is this?", SlackMessageText.ToQuestion("<@UBOT> what is this?", null));
    }

    [Fact]
    public void LineBreaksInTheQuestionAreKept()
    {
        Assert.Equal("first line\nsecond line", SlackMessageText.ToQuestion("<@UBOT> first line\nsecond line", "UBOT"));
    }
}
