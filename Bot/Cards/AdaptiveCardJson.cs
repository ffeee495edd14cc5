using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>Serialises cards the way Adaptive Card hosts expect them: camelCase, no nulls, enums by name.</summary>
internal static class AdaptiveCardJson
{
    /// <summary>The options every card is written with; thread-safe and read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The card as a JSON string.</summary>
    public static string Serialize(AdaptiveCard card) => JsonSerializer.Serialize(card, Options);

    /// <summary>The card as a JSON object, for embedding in another payload (an attachment, an API response).</summary>
    public static JsonObject ToJsonObject(AdaptiveCard card) =>
        JsonSerializer.SerializeToNode(card, Options)!.AsObject();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Cards go to JSON consumers (Teams, the playground's fetch), never into HTML, so characters need
            // no HTML-safe \uXXXX escapes: Chinese text and "`" then cost 1 character instead of 6, which keeps
            // cards well inside Teams' size budget.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
