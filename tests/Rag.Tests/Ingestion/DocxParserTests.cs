using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class DocxParserTests
{
    private readonly DocxParser _parser = new();

    [Fact]
    public void HeadingStylesStartSectionsAndTablesBecomeText()
    {
        // Arrange
        var docx = DocxFixtures.Build("Expense policy", body =>
        {
            body.Append(DocxFixtures.Paragraph("Expense policy", "Title"));
            body.Append(DocxFixtures.Paragraph("Claims go through Concur."));
            body.Append(DocxFixtures.Paragraph("Meals", "Heading1"));
            body.Append(DocxFixtures.Paragraph("Per diem applies.", null));
            body.Append(DocxFixtures.Table(["City", "Rate"], ["Berlin", "€28"], ["Austin", "$64"]));
            body.Append(DocxFixtures.Paragraph("Alcohol", "Heading2"));
            body.Append(DocxFixtures.Paragraph("Not reimbursed.", null));
            body.Append(DocxFixtures.Paragraph("Receipts", "Heading1"));
            body.Append(DocxFixtures.Paragraph("Keep them for 10 years.", "ListParagraph"));
            body.Append(DocxFixtures.Paragraph("Upload them to Ledgerly.", "ListParagraph"));
        });

        // Act
        var document = _parser.Parse(new MemoryStream(docx), "expenses.docx");

        // Assert
        Assert.Equal("Expense policy", document.Title);
        Assert.Equal(["", "Meals", "Meals › Alcohol", "Receipts"], document.Sections.Select(section => section.Heading));
        Assert.Equal("Claims go through Concur.", document.Sections[0].Text);
        Assert.Equal("Per diem applies.\n\nCity: Berlin; Rate: €28\nCity: Austin; Rate: $64", document.Sections[1].Text);
        Assert.Equal("- Keep them for 10 years.\n- Upload them to Ledgerly.", document.Sections[3].Text);
        Assert.Equal("Jonas Weber", document.Metadata["author"]);
        Assert.Equal("Expenses", document.Metadata["subject"]);
    }

    [Fact]
    public void WithoutCoreTitleTheFirstHeadingIsTheTitle()
    {
        // Arrange
        var docx = DocxFixtures.Build(null, body =>
        {
            body.Append(DocxFixtures.Paragraph("上海办公室指南", "Heading1"));
            body.Append(DocxFixtures.Paragraph("办公室位于静安区，工作时间为上午九点至下午六点。"));
        });

        // Act
        var document = _parser.Parse(new MemoryStream(docx), "shanghai.docx");

        // Assert
        Assert.Equal("上海办公室指南", document.Title);
        Assert.Equal("办公室位于静安区，工作时间为上午九点至下午六点。", document.Sections.Single().Text);
    }

    [Fact]
    public void ATruncatedDocxIsRejected()
    {
        // Arrange
        var docx = DocxFixtures.Build("Leave", body => body.Append(DocxFixtures.Paragraph("Thirty days.")));

        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parser.Parse(new MemoryStream(TestFiles.Truncate(docx)), "leave.docx"));

        // Assert
        Assert.Contains("leave.docx", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AZipThatIsNotAWordDocumentIsRejected()
    {
        // Arrange
        using var zipStream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipStream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("not a document");
        }

        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parser.Parse(new MemoryStream(zipStream.ToArray()), "fake.docx"));

        // Assert
        Assert.Contains("fake.docx", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not a document", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APasswordProtectedOrLegacyWordFileIsRejectedWithThatReason()
    {
        // Arrange: the OLE compound-file signature Word uses for encrypted .docx and for .doc
        byte[] bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. TestFiles.Garbage(512)];

        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parser.Parse(new MemoryStream(bytes), "salaries.docx"));

        // Assert
        Assert.Equal("Cannot parse 'salaries.docx' as DOCX: the file is password-protected or a legacy Word (.doc) file.", exception.Message);
    }

    [Fact]
    public void GarbageIsRejected()
    {
        // Act
        var exception = Assert.Throws<DocumentParseException>(() => _parser.Parse(new MemoryStream(TestFiles.Garbage()), "x.docx"));

        // Assert
        Assert.Equal("Cannot parse 'x.docx' as DOCX: the file is not a DOCX (zip) package.", exception.Message);
    }
}
