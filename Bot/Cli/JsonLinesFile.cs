using System.Text.Json;

namespace Assistant.Bot.Cli;

/// <summary>Reads an evaluation set of JSON lines: one object a line, blank lines skipped, a bad line named by its number.</summary>
internal static class JsonLinesFile
{
    /// <summary>Each non-blank line of <paramref name="file"/> as <typeparamref name="T"/> (null for a JSON <c>null</c>), with its line number.</summary>
    /// <exception cref="InvalidDataException">The file does not exist, or a line is not JSON of that shape (<paramref name="what"/> names it).</exception>
    public static IEnumerable<(int Number, T? Value)> Read<T>(FileInfo file, JsonSerializerOptions json, string what)
        where T : class
    {
        if (!file.Exists)
        {
            throw new InvalidDataException($"{file.FullName} does not exist.");
        }

        return Lines<T>(file, json, what);
    }

    private static IEnumerable<(int Number, T? Value)> Lines<T>(FileInfo file, JsonSerializerOptions json, string what)
        where T : class
    {
        var number = 0;
        foreach (var line in File.ReadLines(file.FullName))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(line, json);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{file.Name} line {number}: not a JSON {what} ({exception.Message}).", exception);
            }

            yield return (number, value);
        }
    }
}
