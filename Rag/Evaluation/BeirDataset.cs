using System.Globalization;
using System.Text.Json;

namespace Assistant.Rag.Evaluation;

/// <summary>
/// A retrieval test collection in BEIR layout: <c>corpus.jsonl</c> ({_id, title, text}), <c>queries.jsonl</c> ({_id, text})
/// and <c>qrels/*.tsv</c> (query-id, corpus-id, score, with a header line).
/// </summary>
public sealed class BeirDataset
{
    private BeirDataset(string folder, string name, string qrelsPath, IReadOnlyDictionary<string, string> queries, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> judgements)
    {
        Folder = folder;
        Name = name;
        QrelsPath = qrelsPath;
        Queries = queries;
        Judgements = judgements;
    }

    /// <summary>The dataset folder.</summary>
    public string Folder { get; }

    /// <summary>Name shown in reports: the folder name and the qrels split ("scifact/train").</summary>
    public string Name { get; }

    /// <summary>The relevance judgements file used.</summary>
    public string QrelsPath { get; }

    /// <summary>Query id → text, for every query in queries.jsonl.</summary>
    public IReadOnlyDictionary<string, string> Queries { get; }

    /// <summary>Query id → (document id → grade), for the judged queries.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Judgements { get; }

    /// <summary>Path of corpus.jsonl.</summary>
    public string CorpusPath => Path.Combine(Folder, "corpus.jsonl");

    /// <summary>
    /// Loads the queries and judgements of <paramref name="folder"/>. <paramref name="qrels"/> picks the judgements file; null takes
    /// the only file in qrels/, or test.tsv, dev.tsv, train.tsv in that order when there are several.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is missing or malformed; the message names it and the line.</exception>
    public static BeirDataset Load(string folder, string? qrels = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        folder = Path.GetFullPath(folder);
        foreach (var required in new[] { "corpus.jsonl", "queries.jsonl" })
        {
            if (!File.Exists(Path.Combine(folder, required)))
            {
                throw new InvalidDataException($"'{folder}' is not a BEIR folder: {required} is missing.");
            }
        }

        var qrelsPath = qrels is not null ? Path.GetFullPath(qrels) : DefaultQrels(folder);
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in File.ReadLines(Path.Combine(folder, "queries.jsonl")).Select((l, i) => (l, i + 1)))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (id, _, text) = ParseRecord(line, "queries.jsonl", number);
            queries[id] = text;
        }

        var judgements = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (line, number) in File.ReadLines(qrelsPath).Select((l, i) => (l, i + 1)))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || (number == 1 && !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
            {
                continue; // header or blank line
            }

            if (!int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var grade))
            {
                throw new InvalidDataException($"{qrelsPath} line {number}: the score '{parts[2]}' is not a whole number.");
            }

            if (!judgements.TryGetValue(parts[0], out var forQuery))
            {
                judgements[parts[0]] = forQuery = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            forQuery[parts[1]] = grade;
        }

        var name = $"{Path.GetFileName(folder)}/{Path.GetFileNameWithoutExtension(qrelsPath)}";
        return new BeirDataset(folder, name, qrelsPath, queries, judgements.ToDictionary(j => j.Key, j => (IReadOnlyDictionary<string, int>)j.Value, StringComparer.Ordinal));
    }

    /// <summary>Streams the corpus: (id, title, text) per line.</summary>
    public IEnumerable<(string Id, string Title, string Text)> ReadCorpus()
    {
        var number = 0;
        foreach (var line in File.ReadLines(CorpusPath))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return ParseRecord(line, "corpus.jsonl", number);
            }
        }
    }

    private static (string Id, string Title, string Text) ParseRecord(string line, string file, int number)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.GetProperty("_id").ToString();
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
            var text = root.TryGetProperty("text", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString()! : string.Empty;
            return (id, title, text);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{file} line {number} is not a record with an _id ({exception.GetType().Name}).", exception);
        }
    }

    private static string DefaultQrels(string folder)
    {
        var directory = Path.Combine(folder, "qrels");
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.tsv") : [];
        if (files.Length == 0)
        {
            throw new InvalidDataException($"'{folder}' has no qrels/*.tsv file.");
        }

        return files.Length == 1 ? files[0]
            : new[] { "test.tsv", "dev.tsv", "train.tsv" }.Select(f => Path.Combine(directory, f)).FirstOrDefault(File.Exists) ?? files.Order(StringComparer.Ordinal).First();
    }
}
