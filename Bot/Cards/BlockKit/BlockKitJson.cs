using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards.BlockKit;

/// <summary>Serialises Block Kit the way Slack reads it: snake_case names, no nulls.</summary>
internal static class BlockKitJson
{
    /// <summary>The options blocks are written with; thread-safe and read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The blocks as a JSON array, for a Web API request body.</summary>
    public static JsonArray ToJsonArray(IReadOnlyList<SlackBlock> blocks) =>
        JsonSerializer.SerializeToNode(blocks, Options)!.AsArray();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Slack reads JSON, never HTML: no need for \uXXXX escapes, which would only inflate non-Latin text.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
