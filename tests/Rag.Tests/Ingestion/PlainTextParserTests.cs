using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class PlainTextParserTests
{
    private readonly PlainTextParser _parser = new();

    [Fact]
    public void AShortFirstLineIsTheTitleAndParagraphsAreKept()
    {
        // Arrange
        const string text = "Printer setup\r\n\r\nAdd the printer   PR-B2-01.\r\nUse driver 5.2.\r\n\r\n\r\nCall 4400 if it jams.\r\n";

        // Act
        var document = _parser.Parse(TestFiles.Utf8(text), "printer.txt");

        // Assert
        Assert.Equal("Printer setup", document.Title);
        var section = Assert.Single(document.Sections);
        Assert.Equal(string.Empty, section.Heading);
        Assert.Equal("Add the printer PR-B2-01.\nUse driver 5.2.\n\nCall 4400 if it jams.", section.Text);
    }

    [Fact]
    public void ALongFirstLineLeavesTheFileNameAsTitle()
    {
        // Arrange
        var text = string.Join(' ', Enumerable.Repeat("Employees may work remotely up to three days a week.", 3));

        // Act
        var document = _parser.Parse(TestFiles.Utf8(text), "remote-work.txt");

        // Assert
        Assert.Equal("remote-work", document.Title);
        Assert.Equal(text, document.Sections.Single().Text);
    }

    [Fact]
    public void Utf16WithByteOrderMarkIsDecoded()
    {
        // Arrange
        var bytes = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes("休暇\n\n年次有給休暇は二十日です。")).ToArray();

        // Act
        var document = _parser.Parse(new MemoryStream(bytes), "kyuka.txt");

        // Assert
        Assert.Equal("休暇", document.Title);
        Assert.Equal("年次有給休暇は二十日です。", document.Sections.Single().Text);
    }

    [Fact]
    public void AnEmptyFileIsRejectedNamingTheFile()
    {
        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parser.Parse(new MemoryStream(), "empty.txt"));

        // Assert
        Assert.Equal("Cannot parse 'empty.txt' as plain text: the file is empty.", exception.Message);
    }

    [Fact]
    public void BinaryGarbageIsRejectedWithoutQuotingIt()
    {
        // Arrange
        var garbage = TestFiles.Garbage(256);

        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parser.Parse(new MemoryStream(garbage), "dump.txt"));

        // Assert
        Assert.Equal("Cannot parse 'dump.txt' as plain text: the file holds binary data, not text.", exception.Message);
    }
}
