using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class HostileInputTests
{
    private readonly DocumentParsers _parsers = DocumentParsers.CreateDefault();

    [Fact]
    public void DeeplyNestedMarkdownQuotesDoNotCrashTheProcess()
    {
        // Arrange
        var markdown = new string('>', 2_000) + " deep";

        // Act
        var exception = Record.Exception(() => _parsers.Parse(TestFiles.Utf8(markdown), "deep.md"));

        // Assert
        Assert.True(exception is null or DocumentParseException);
    }

    [Fact]
    public void DeeplyNestedHtmlIsRejectedAsTooDeep()
    {
        // Arrange
        var html = string.Concat(Enumerable.Repeat("<div>", 2_000)) + "deep";

        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parsers.Parse(TestFiles.Utf8(html), "deep.html"));

        // Assert
        Assert.Contains("nested too deeply", exception.Message, StringComparison.Ordinal);
    }
}
