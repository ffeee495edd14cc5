using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Assistant.Rag.Tests.Ingestion;

/// <summary>Builds small PDFs with PdfPig's writer and a standard-14 font.</summary>
internal static class PdfFixtures
{
    /// <summary>A PDF whose pages hold the given lines; an empty string leaves a paragraph gap.</summary>
    public static byte[] Build(string? title, params string[][] pages)
    {
        using var builder = new PdfDocumentBuilder();
        if (title is not null)
        {
            builder.DocumentInformation.Title = title;
        }

        builder.DocumentInformation.Author = "Priya Raman";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 780.0;
            foreach (var line in lines)
            {
                if (line.Length > 0)
                {
                    page.AddText(line, 11, new PdfPoint(60, y), font);
                }

                y -= 16;
            }
        }

        return builder.Build();
    }
}
