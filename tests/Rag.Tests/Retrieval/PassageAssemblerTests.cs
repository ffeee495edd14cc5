using Assistant.Rag.Retrieval;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Retrieval;

/// <summary>Passage budgeting over a real index, with text whose token density varies along its length.</summary>
public sealed class PassageAssemblerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(100, true)]
    [InlineData(150, true)]
    [InlineData(100, false)]
    public async Task ATruncatedPassageStaysWithinTheBudgetWhateverItsTokenDensity(int contextTokens, bool codesFirst)
    {
        // Arrange: part codes cost several tokens each, the prose after them about one a word.
        var codes = string.Join(" ", Enumerable.Range(0, 60).Select(i => $"QX{i * 7919 % 10007:X}Z{i}"));
        var prose = string.Concat(Enumerable.Repeat("The printer on the third floor prints in colour and black and white every day. ", 12));
        var text = codesFirst ? "Part codes " + codes + ". " + prose.TrimEnd() : prose + "Part codes " + codes + ".";
        var document = KnowledgeBase.Document("kb:parts.md", "Printer parts", ("Part codes", text));
        using var engine = await TestEngine.OpenAsync(_folder.Path);
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [document]);
        var retriever = engine.Retriever(new RetrievalOptions { ContextTokens = contextTokens });

        // Act
        var result = await retriever.RetrieveAsync("printer part codes");

        // Assert
        var passage = Assert.Single(result.Passages);
        var used = SharedModel.Tokens.CountTokens(passage.Text);
        Assert.True(used <= contextTokens, $"{used} tokens; the budget is {contextTokens}");
        Assert.True(used >= contextTokens / 2, $"only {used} of {contextTokens} tokens used");
        Assert.StartsWith(codesFirst ? "Part codes QX" : "The printer", passage.Text, StringComparison.Ordinal);
        Assert.EndsWith(codesFirst ? "…" : ".", passage.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
