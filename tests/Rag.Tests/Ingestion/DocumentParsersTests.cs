using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class DocumentParsersTests
{
    private readonly DocumentParsers _parsers = DocumentParsers.CreateDefault();

    public static TheoryData<string> SupportedFiles => new() { "a.md", "b.MARKDOWN", "c.html", "d.htm", "e.txt", "f.pdf", "g.DOCX", "dir/h.Md" };

    public static TheoryData<string> EveryFormat => new() { "x.md", "x.html", "x.txt", "x.pdf", "x.docx" };

    [Theory]
    [MemberData(nameof(SupportedFiles))]
    public void KnownExtensionsAreSupportedInAnyCase(string path)
    {
        // Act / Assert
        Assert.True(_parsers.IsSupported(path));
    }

    [Theory]
    [InlineData("slides.pptx")]
    [InlineData("README")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherPathsAreNotSupported(string? path)
    {
        // Act / Assert
        Assert.False(_parsers.IsSupported(path));
    }

    [Fact]
    public void TheParserIsChosenByExtension()
    {
        // Arrange
        var pdf = PdfFixtures.Build("Laptop replacement", ["Laptops are replaced every four years."]);

        // Act
        var fromPdf = _parsers.Parse(new MemoryStream(pdf), "kb/laptop.PDF");
        var fromMarkdown = _parsers.Parse(TestFiles.Utf8("# MFA\n\nUse Okta Verify."), "mfa.md");

        // Assert
        Assert.Equal("Page 1", fromPdf.Sections.Single().Heading);
        Assert.Equal("MFA", fromMarkdown.Title);
    }

    [Fact]
    public void AnUnsupportedExtensionIsAParseError()
    {
        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parsers.Parse(new MemoryStream([1, 2, 3]), "deck.pptx"));

        // Assert
        Assert.Contains("deck.pptx", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoParsersForOneExtensionAreRefused()
    {
        // Act / Assert
        Assert.Throws<ArgumentException>(() => new DocumentParsers([new MarkdownParser(), new MarkdownParser()]));
    }

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void EveryFormatRejectsAnEmptyFile(string fileName)
    {
        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parsers.Parse(new MemoryStream(), fileName));

        // Assert
        Assert.Contains(fileName, exception.Message, StringComparison.Ordinal);
        Assert.Contains("empty", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void EveryFormatRejectsBinaryGarbageWithOnlyDocumentParseException(string fileName)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            // Arrange
            var garbage = TestFiles.Garbage(1 + (seed * 397 % 5000), seed);

            // Act
            var exception = Record.Exception(() => _parsers.Parse(new MemoryStream(garbage), fileName));

            // Assert
            Assert.IsType<DocumentParseException>(exception);
            Assert.Contains(fileName, exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TruncatingAValidPdfOrDocxAnywhereGivesOnlyDocumentParseException()
    {
        // Arrange
        var pdf = PdfFixtures.Build("Phishing", ["Report phishing with the Report button.", "", "Never enter your password."]);
        var docx = DocxFixtures.Build("Phishing", body => body.Append(DocxFixtures.Paragraph("Report phishing with the Report button.")));

        foreach (var (bytes, name) in new[] { (pdf, "p.pdf"), (docx, "p.docx") })
        {
            for (var length = 1; length < bytes.Length; length += Math.Max(1, bytes.Length / 40))
            {
                // Act
                var exception = Record.Exception(() => _parsers.Parse(new MemoryStream(bytes[..length]), name));

                // Assert
                Assert.IsType<DocumentParseException>(exception);
            }
        }
    }

    [Fact]
    public void AnUnreadableStreamIsAParseError()
    {
        // Arrange
        var stream = new MemoryStream([1, 2, 3]);
        stream.Dispose();

        // Act / Assert
        Assert.Throws<DocumentParseException>(() => _parsers.Parse(stream, "gone.md"));
    }
}
