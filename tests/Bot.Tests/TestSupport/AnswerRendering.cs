using System.Text.Json.Nodes;
using Assistant.Bot.Cards;
using Assistant.Bot.Cards.BlockKit;
using Assistant.Bot.Teams;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Tests.TestSupport;

/// <summary>The renderers applied to an <see cref="Answer"/> through its <see cref="AnswerView"/>, as the channel pipeline does.</summary>
internal static class AnswerRendering
{
    public static AdaptiveCard Render(this AdaptiveCardRenderer renderer, Answer answer, VoteValue? recordedVote = null, bool textShownOutside = false) =>
        renderer.Render(AnswerView.From(answer), recordedVote, textShownOutside);

    public static SlackMessage Render(this BlockKitRenderer renderer, Answer answer) => renderer.Render(AnswerView.From(answer));

    public static JsonObject Answer(this TeamsMessageFactory factory, TeamsActivity inbound, Answer answer, VoteValue? recordedVote = null) =>
        factory.Answer(inbound, AnswerView.From(answer), recordedVote);
}
