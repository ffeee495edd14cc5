using System.Text.Encodings.Web;
using System.Text.Json;
using Assistant.Bot.Cards;
using Assistant.Bot.Playground;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Cli;

/// <summary>Serialises an answer exactly as POST /api/chat returns it.</summary>
internal static class AnswerJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static string Serialize(Answer answer, AdaptiveCardRenderer renderer) =>
        JsonSerializer.Serialize(ChatResponse.From(answer, renderer), Options);
}
