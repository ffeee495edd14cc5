using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assistant.Rag.Routing;

/// <summary>A labelled question: the route that answers it best.</summary>
/// <param name="Question">The question as a user would type it.</param>
/// <param name="Route">One of <see cref="RouteNames.All"/>.</param>
/// <param name="Language">"en" or "zh".</param>
public sealed record RoutingExample(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("language")] string Language)
{
    private const string Resource = "Assistant.Rag.Routing.Data.examples.jsonl";

    /// <summary>The training examples shipped in this assembly (Routing/Data/examples.jsonl).</summary>
    public static IReadOnlyList<RoutingExample> Embedded()
    {
        using var stream = typeof(RoutingExample).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The routing examples '{Resource}' are missing from the assembly.");
        return Read(stream, Resource);
    }

    /// <summary>Reads JSON lines of {question, route, language}; blank lines are skipped.</summary>
    /// <exception cref="InvalidDataException">A line is not such an object or names an unknown route; the message names the line.</exception>
    public static IReadOnlyList<RoutingExample> Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream);
        var examples = new List<RoutingExample>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            RoutingExample? example;
            try
            {
                example = JsonSerializer.Deserialize<RoutingExample>(line);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{name} line {number}: not a JSON object ({exception.Message}).", exception);
            }

            if (example is null || string.IsNullOrWhiteSpace(example.Question) || !RouteNames.All.Contains(example.Route))
            {
                throw new InvalidDataException($"{name} line {number}: needs a question and a route ({string.Join(", ", RouteNames.All)}).");
            }

            examples.Add(example);
        }

        return examples;
    }
}
