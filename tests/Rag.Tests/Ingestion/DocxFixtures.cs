using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Assistant.Rag.Tests.Ingestion;

/// <summary>Builds small Word documents with DocumentFormat.OpenXml, the way Word writes them (style ids, core properties).</summary>
internal static class DocxFixtures
{
    public static byte[] Build(string? coreTitle, Action<Body> write)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var stylesPart = main.AddNewPart<StyleDefinitionsPart>();
            stylesPart.Styles = new Styles(
                Style("Title", "Title"),
                Style("Heading1", "heading 1"),
                Style("Heading2", "heading 2"),
                Style("Heading3", "heading 3"),
                Style("ListParagraph", "List Paragraph"));
            var body = new Body();
            main.Document = new Document(body);
            write(body);
            if (coreTitle is not null)
            {
                document.PackageProperties.Title = coreTitle;
            }

            document.PackageProperties.Creator = "Jonas Weber";
            document.PackageProperties.Subject = "Expenses";
        }

        return stream.ToArray();
    }

    public static Paragraph Paragraph(string text, string? styleId = null)
    {
        var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (styleId is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = styleId }));
        }

        return paragraph;
    }

    public static Table Table(params string[][] rows)
    {
        var table = new Table();
        for (var i = 0; i < rows.Length; i++)
        {
            var row = new TableRow();
            if (i == 0)
            {
                row.AppendChild(new TableRowProperties(new TableHeader()));
            }

            foreach (var cell in rows[i])
            {
                row.AppendChild(new TableCell(Paragraph(cell)));
            }

            table.AppendChild(row);
        }

        return table;
    }

    private static Style Style(string id, string name) =>
        new(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
}
