using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class MarkdownParserTests
{
    private readonly MarkdownParser _parser = new();

    [Fact]
    public void HeadingsBecomeSectionsWithHeadingPaths()
    {
        // Arrange
        const string markdown = """
            # Travel

            Book through Navan.

            ## Per diem

            Berlin pays **€28** a day.

            ### Partial days

            Travel days pay 80 %.

            ## Insurance

            Covered by Allianz.
            """;

        // Act
        var document = _parser.Parse(TestFiles.Utf8(markdown), "travel.md");

        // Assert
        Assert.Equal("Travel", document.Title);
        Assert.Equal(
            ["Travel", "Travel › Per diem", "Travel › Per diem › Partial days", "Travel › Insurance"],
            document.Sections.Select(section => section.Heading));
        Assert.Equal("Berlin pays €28 a day.", document.Sections[1].Text);
    }

    [Fact]
    public void FrontMatterGivesTitleAndMetadata()
    {
        // Arrange
        const string markdown = """
            ---
            title: "VPN setup"
            owner: IT Service Desk
            updated: 2026-03-01
            ---
            # Connecting from home

            Open GlobalProtect.
            """;

        // Act
        var document = _parser.Parse(TestFiles.Utf8(markdown), "vpn.md");

        // Assert
        Assert.Equal("VPN setup", document.Title);
        Assert.Equal("IT Service Desk", document.Metadata["owner"]);
        Assert.Equal("2026-03-01", document.Metadata["updated"]);
        Assert.DoesNotContain(document.Sections, section => section.Text.Contains("owner", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutH1OrFrontMatterTheTitleIsTheFileName()
    {
        // Arrange
        const string markdown = "## Steps\n\nRestart the laptop.";

        // Act
        var document = _parser.Parse(TestFiles.Utf8(markdown), "docs/laptop-restart.md");

        // Assert
        Assert.Equal("laptop-restart", document.Title);
    }

    [Fact]
    public void TablesAndListsBecomeReadableText()
    {
        // Arrange
        const string markdown = """
            # Rates

            | City | Daily rate |
            |------|-----------|
            | Berlin | €28 |
            | Austin | $64 |

            1. Open the portal
            2. Choose *Expenses*
               - attach the receipt
            """;

        // Act
        var text = _parser.Parse(TestFiles.Utf8(markdown), "rates.md").Sections.Single().Text;

        // Assert
        Assert.Contains("City: Berlin; Daily rate: €28\nCity: Austin; Daily rate: $64", text, StringComparison.Ordinal);
        Assert.Contains("1. Open the portal\n2. Choose Expenses\n- attach the receipt", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ChineseTextSurvivesIntactAcrossSoftLineBreaks()
    {
        // Arrange
        const string markdown = """
            # 报销政策

            员工应在出差结束后三十天内
            提交报销申请。

            ## 每日补贴

            上海每日补贴为人民币二百元。
            """;

        // Act
        var document = _parser.Parse(TestFiles.Utf8(markdown), "baoxiao.md");

        // Assert
        Assert.Equal("报销政策", document.Title);
        Assert.Equal("员工应在出差结束后三十天内提交报销申请。", document.Sections[0].Text);
        Assert.Equal("报销政策 › 每日补贴", document.Sections[1].Heading);
        Assert.Equal("上海每日补贴为人民币二百元。", document.Sections[1].Text);
    }

    [Fact]
    public void WhitespaceAndControlCharactersAreNormalised()
    {
        // Arrange: decomposed "é" (e + combining acute), a tab, a bell character and extra blank lines
        var markdown = "# Caf\u0065\u0301\n\nOne\t  two\u0007 three.\n\n\n\nFour.";

        // Act
        var document = _parser.Parse(TestFiles.Utf8(markdown), "cafe.md");

        // Assert
        Assert.Equal("Caf\u00e9", document.Title);
        Assert.Equal("One two three.\n\nFour.", document.Sections.Single().Text);
    }

    [Fact]
    public void HeadingsWithoutTextBelowThemAreDropped()
    {
        // Arrange
        const string markdown = "# Guide\n\n## Empty\n\n## Full\n\nText.";

        // Act
        var document = _parser.Parse(TestFiles.Utf8(markdown), "guide.md");

        // Assert
        Assert.Equal(["Guide › Full"], document.Sections.Select(section => section.Heading));
    }

    [Fact]
    public void RawHtmlBlocksKeepTheirTextButNotScriptsOrComments()
    {
        // Arrange
        const string markdown = """
            # FAQ

            <details><summary>Is parking free?</summary>No, parking costs &euro;12 a day.</details>

            <script>track();</script>

            <!-- internal note: check prices -->
            """;

        // Act
        var text = _parser.Parse(TestFiles.Utf8(markdown), "faq.md").Sections.Single().Text;

        // Assert
        Assert.Equal("Is parking free? No, parking costs €12 a day.", text);
    }

    [Fact]
    public void BinaryGarbageIsRejectedNamingTheFile()
    {
        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parser.Parse(new MemoryStream(TestFiles.Garbage()), "notes.md"));

        // Assert
        Assert.Contains("notes.md", exception.Message, StringComparison.Ordinal);
        Assert.Contains("binary", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMarkdownFileWithOnlyWhitespaceIsRejected()
    {
        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parser.Parse(TestFiles.Utf8(" \n\n\t\n"), "blank.md"));

        // Assert
        Assert.Contains("no text", exception.Message, StringComparison.Ordinal);
    }
}
