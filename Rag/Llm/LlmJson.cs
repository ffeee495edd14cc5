using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Assistant.Rag.Llm;

/// <summary>How structured replies are read: camelCase names, required members required, no numbers in strings, no nulls where the type has none.</summary>
internal static class LlmJson
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>
    /// The JSON inside a Markdown fence ("```json … ```"), or <paramref name="reply"/> trimmed when it has none: some
    /// OpenAI-compatible servers ignore the response format and fence the JSON anyway.
    /// </summary>
    public static string Unfence(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = reply.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        var start = text.IndexOf('\n', StringComparison.Ordinal);
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return start > 0 && end > start ? text[(start + 1)..end].Trim() : text;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
