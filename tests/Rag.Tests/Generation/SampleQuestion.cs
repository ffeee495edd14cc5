using System.Text.Json;

namespace Assistant.Rag.Tests.Generation;

/// <summary>
/// One line of samples/eval/answers/*.jsonl: a question, the sample documents (paths under samples/kb) whose citation
/// first is a right answer, and words the answer must contain. No sources means the knowledge base does not answer it.
/// </summary>
internal sealed record SampleQuestion(string Question, IReadOnlyList<string> Sources, IReadOnlyList<string> Keywords)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Answerable => Sources.Count > 0;

    public static IReadOnlyList<SampleQuestion> Load(string fileName) =>
        [.. File.ReadLines(Path.Combine(Support.SampleEngine.RepositoryRoot, "samples", "eval", "answers", fileName))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<SampleQuestion>(line, Json) ?? throw new InvalidDataException($"{fileName}: empty line object"))];
}
