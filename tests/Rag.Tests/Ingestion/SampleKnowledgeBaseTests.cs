using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Ingestion;

/// <summary>The sample knowledge base under samples/kb is what demos and manual checks index; every file must parse.</summary>
public sealed class SampleKnowledgeBaseTests
{
    private static readonly string KnowledgeBase = Path.Combine(FindRepositoryRoot(), "samples", "kb");

    private readonly DocumentParsers _parsers = DocumentParsers.CreateDefault();

    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(KnowledgeBase, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(KnowledgeBase, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void EverySampleFileParsesToATitleAndSections(string relativePath)
    {
        // Arrange
        using var stream = File.OpenRead(Path.Combine(KnowledgeBase, relativePath));

        // Act
        var document = _parsers.Parse(stream, relativePath);

        // Assert
        Assert.False(string.IsNullOrWhiteSpace(document.Title));
        Assert.NotEmpty(document.Sections);
        Assert.All(document.Sections, section => Assert.False(string.IsNullOrWhiteSpace(section.Text)));
    }

    [Fact]
    public void TheKnowledgeBaseHoldsEveryFormatAndOnlySupportedFiles()
    {
        // Act
        var files = Directory.GetFiles(KnowledgeBase, "*", SearchOption.AllDirectories);
        var byExtension = files.GroupBy(file => Path.GetExtension(file).ToLowerInvariant()).ToDictionary(group => group.Key, group => group.Count());

        // Assert
        Assert.All(files, file => Assert.True(_parsers.IsSupported(file), file));
        Assert.True(files.Length >= 34, $"only {files.Length} sample documents");
        Assert.True(byExtension.GetValueOrDefault(".md") >= 16);
        Assert.True(byExtension.GetValueOrDefault(".html") >= 6);
        Assert.True(byExtension.GetValueOrDefault(".pdf") >= 6);
        Assert.True(byExtension.GetValueOrDefault(".docx") >= 6);
    }

    [Theory]
    [InlineData("zh/baoxiao-policy.md", LanguageDetector.Chinese, "发票")]
    [InlineData("zh/shanghai-office-guide.docx", LanguageDetector.Chinese, "江宁路455号")]
    [InlineData("zh/it-faq.html", LanguageDetector.Chinese, "FollowMe-SHA")]
    [InlineData("products/tallyboard-faq-ja.md", LanguageDetector.Japanese, "14日間無料でお試し")]
    public void CjkSamplesKeepTheirScript(string relativePath, string language, string expected)
    {
        // Arrange
        using var stream = File.OpenRead(Path.Combine(KnowledgeBase, relativePath));

        // Act
        var text = string.Join("\n", _parsers.Parse(stream, relativePath).Sections.Select(section => section.Text));

        // Assert
        Assert.Equal(language, LanguageDetector.Detect(text));
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePerDiemPdfReadsBackItsRateTable()
    {
        // Arrange
        using var stream = File.OpenRead(Path.Combine(KnowledgeBase, "travel", "per-diem.pdf"));

        // Act
        var document = _parsers.Parse(stream, "per-diem.pdf");

        // Assert
        Assert.Equal("Per diem rates for business travel", document.Title);
        Assert.Contains(document.Sections, section => section.Text.Contains("Destination: Mainland China; Full day: ¥200", StringComparison.Ordinal));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Assistant.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Assistant.sln above {AppContext.BaseDirectory}.");
    }
}
