using Assistant.Rag.Generation;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Tests.Generation;

public sealed class CitationNumberingTests
{
    private static Passage P(string id) => new(id, "doc-" + id, "Title " + id, "kb/" + id + ".md", string.Empty, "Text of " + id + ".", 1, [id + ".0"], "en");

    [Fact]
    public void CitationsAreNumberedInOrderOfFirstAppearance()
    {
        var draft = new AnswerDraft("VPN needs MFA [3]. Use the portal [1]. MFA again [3].", [P("a"), P("b"), P("c")], AnswerKind.Generated);

        var (text, citations) = CitationNumbering.Apply(draft);

        Assert.Equal("VPN needs MFA [1]. Use the portal [2]. MFA again [1].", text);
        Assert.Equal(["c", "a"], citations.Select(c => c.PassageId));
        Assert.Equal([1, 2], citations.Select(c => c.N));
    }

    [Fact]
    public void MarkersPointingAtNoSourceAreRemovedNotKept()
    {
        var draft = new AnswerDraft("Made up [7]. Real [2]. Zero [0].", [P("a"), P("b")], AnswerKind.Generated);

        var (text, citations) = CitationNumbering.Apply(draft);

        Assert.Equal("Made up. Real [1]. Zero.", text);
        Assert.Single(citations);
        Assert.Equal("b", citations[0].PassageId);
    }

    [Fact]
    public void CommaListsBecomeSeparateMarkers()
    {
        var draft = new AnswerDraft("Both say so [2, 1].", [P("a"), P("b")], AnswerKind.Generated);

        var (text, citations) = CitationNumbering.Apply(draft);

        Assert.Equal("Both say so [1][2].", text);
        Assert.Equal(["b", "a"], citations.Select(c => c.PassageId));
    }

    [Fact]
    public void SnippetsAreCutAtAWordWithAnEllipsis()
    {
        var snippet = CitationNumbering.Snippet(string.Join(' ', Enumerable.Repeat("lorem", 200)));

        Assert.True(snippet.Length <= 301);
        Assert.EndsWith("lorem…", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoPassagesOfOneDocumentShareOneCitationNumber()
    {
        var sameDocument = P("b") with { DocumentId = "doc-a", ChunkIds = ["b.0"] };
        var draft = new AnswerDraft("First [1]. Second [2].", [P("a"), sameDocument], AnswerKind.Extractive);

        var (text, citations) = CitationNumbering.Apply(draft);

        Assert.Equal("First [1]. Second [1].", text);
        var citation = Assert.Single(citations);
        Assert.Equal(["a.0", "b.0"], citation.ChunkIds);
    }
}
