using System.Text.Json.Serialization;

namespace Assistant.Rag.Evaluation;

/// <summary>
/// One scored question of an answer set (<c>eval-answers</c>) or the last turn of a dialogue (<c>eval-dialogues</c>):
/// the facts a right answer must contain and the document that states them.
/// </summary>
/// <param name="MustInclude">Strings a right answer's text must all contain (compared after NFKC, ignoring case).</param>
/// <param name="ExpectDoc">Path under the knowledge base of a document that states the facts; null when the knowledge base does not answer the question.</param>
/// <param name="Kind">What the question tests ("synonym", "two-part", "entity-swap", …); free text, reported per value.</param>
/// <param name="Lang">The question's language ("en", "zh", "ja").</param>
public sealed record AnswerExpectation(
    [property: JsonPropertyName("must_include")] IReadOnlyList<string> MustInclude,
    [property: JsonPropertyName("expect_doc")] string? ExpectDoc,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("lang")] string Lang)
{
    /// <summary>False when the knowledge base does not answer the question (<see cref="ExpectDoc"/> is null).</summary>
    [JsonIgnore]
    public bool Answerable => ExpectDoc is not null;
}
