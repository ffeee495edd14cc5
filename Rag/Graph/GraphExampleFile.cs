using System.Text.Json;

namespace Assistant.Rag.Graph;

/// <summary>Reads question→Cypher examples: a JSON array, or JSON lines, of {"question", "cypher", "answer"?}.</summary>
internal static class GraphExampleFile
{
    /// <exception cref="InvalidDataException">The text is not such a file; the message names <paramref name="source"/>.</exception>
    public static List<GraphExample> Parse(string text, string idPrefix, string source)
    {
        var trimmed = text.TrimStart();
        var elements = new List<JsonElement>();
        try
        {
            if (trimmed.StartsWith('['))
            {
                using var document = JsonDocument.Parse(text);
                elements.AddRange(document.RootElement.EnumerateArray().Select(e => e.Clone()));
            }
            else
            {
                foreach (var line in text.Split('\n').Where(l => l.Trim().Length > 0))
                {
                    using var document = JsonDocument.Parse(line);
                    elements.Add(document.RootElement.Clone());
                }
            }
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source} is not a JSON array or JSON lines of {{\"question\", \"cypher\"}}: {exception.Message}", exception);
        }

        var examples = new List<GraphExample>();
        foreach (var element in elements)
        {
            var question = element.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
            var cypher = element.TryGetProperty("cypher", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (string.IsNullOrWhiteSpace(question) || string.IsNullOrWhiteSpace(cypher))
            {
                throw new InvalidDataException($"{source}: entry {examples.Count + 1} needs a \"question\" and a \"cypher\".");
            }

            var answer = element.TryGetProperty("answer", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            examples.Add(new GraphExample($"{idPrefix}:{examples.Count + 1}", question, cypher, answer));
        }

        return examples;
    }
}
