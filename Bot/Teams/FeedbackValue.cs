using System.Text.Json;
using Assistant.Bot.Cards;

namespace Assistant.Bot.Teams;

/// <summary>Reads the 👍/👎 payload (<see cref="FeedbackData"/>) our card buttons send back.</summary>
internal static class FeedbackValue
{
    private const int MaxAnswerIdLength = 128;

    /// <summary>The answer id and vote ("up" or "down"), or null when <paramref name="data"/> is not such a payload.</summary>
    public static FeedbackData? Read(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("answerId", out var answerId) || answerId.ValueKind != JsonValueKind.String
            || !data.TryGetProperty("vote", out var vote) || vote.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var id = answerId.GetString()!;
        var value = vote.GetString();
        return id.Length is > 0 and <= MaxAnswerIdLength && value is "up" or "down" ? new FeedbackData(id, value!) : null;
    }
}
