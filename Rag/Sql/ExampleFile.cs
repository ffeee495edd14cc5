using System.Text.Json;

namespace Assistant.Rag.Sql;

/// <summary>
/// Reads question→SQL examples: a JSON array of {question, query[, answer][, db_id]} (the Spider questions.json shape);
/// items whose db_id names another database are skipped, so one file can serve several.
/// </summary>
internal static class ExampleFile
{
    /// <exception cref="InvalidDataException">The file is not such an array.</exception>
    public static List<SqlExample> Parse(string json, string database, string source, string idPrefix)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var examples = new List<SqlExample>();
            var n = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                n++;
                if (item.TryGetProperty("db_id", out var db) && db.GetString() is { } id && !string.Equals(id, database, StringComparison.Ordinal))
                {
                    continue;
                }

                var question = item.TryGetProperty("question", out var q) ? q.GetString() : null;
                var query = item.TryGetProperty("query", out var s) ? s.GetString() : null;
                if (string.IsNullOrWhiteSpace(question) || string.IsNullOrWhiteSpace(query))
                {
                    throw new InvalidDataException($"{source}: item {n} needs a question and a query.");
                }

                var answer = item.TryGetProperty("answer", out var a) ? a.GetString() : null;
                examples.Add(new SqlExample($"{idPrefix}:{n}", database, question.Trim(), query.Trim(), answer));
            }

            return examples;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source}: not a JSON array of examples ({exception.Message}).", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidDataException($"{source}: not a JSON array of examples ({exception.Message}).", exception);
        }
    }
}
