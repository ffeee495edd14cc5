using Assistant.Rag.Ingestion;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class TextChunkerTests
{
    private static readonly string[] Facts =
    [
        "Employees book all business travel through the travel portal at least 14 days ahead.",
        "Economy class is the default for flights under six hours.",
        "Hotel costs are reimbursed up to 160 EUR a night in Berlin and 180 USD in Austin.",
        "The per diem covers meals and local transport and is paid with the next salary.",
        "Travel insurance is provided by the company for every trip booked through the portal.",
        "Visa invitation letters are requested from HR at least four weeks before departure.",
        "Receipts must be uploaded within 30 days of returning, or the claim lapses.",
        "Managers approve trips longer than three days in the expense system.",
    ];

    private static SourceDocument LongDocument(int repeats) => new(
        "doc-1",
        "Travel policy",
        "kb/travel.md",
        [new DocumentSection("Travel policy › Booking", string.Join(' ', Enumerable.Range(0, repeats).SelectMany(i => Facts.Select(f => $"{f[..^1]} (rule {i}).")))),
         new DocumentSection("Travel policy › Contacts", "Write to travel@fernhill.example for help.")],
        new Dictionary<string, string>());

    [Fact]
    public void ChunksStayWithinTheTokenBudgetIncludingTheirTitlePrefix()
    {
        var chunker = new TextChunker(SharedModel.Tokens, new ChunkingOptions { ChunkTokens = 128, Overlap = 0.15 });

        var chunked = chunker.Chunk(LongDocument(6));

        Assert.True(chunked.Pieces.Count > 4);
        Assert.All(chunked.Pieces, p => Assert.True(SharedModel.Tokens.CountTokens(p.EmbeddingText) + 2 <= 128, $"{p.Chunk.Id} has {SharedModel.Tokens.CountTokens(p.EmbeddingText)} tokens"));
    }

    [Fact]
    public void EverySentenceIsWholeInAtLeastOneChunkAndNeighboursOverlap()
    {
        var chunker = new TextChunker(SharedModel.Tokens, new ChunkingOptions { ChunkTokens = 128, Overlap = 0.25 });
        var document = LongDocument(4);

        var chunked = chunker.Chunk(document);

        var text = document.Sections[0].Text;
        foreach (var range in SentenceSplitter.Split(text))
        {
            var sentence = text[range];
            Assert.Contains(chunked.Pieces, p => p.Chunk.Text.Contains(sentence, StringComparison.Ordinal));
        }

        var first = chunked.Pieces.Where(p => p.Chunk.ParentId == "doc-1#0").ToList();
        for (var i = 1; i < first.Count; i++)
        {
            Assert.True(first[i].Start < first[i - 1].End, "consecutive chunks of one section share at least one sentence");
        }
    }

    [Fact]
    public void LineageIdsAndSpansPointBackIntoTheParentSection()
    {
        var chunker = new TextChunker(SharedModel.Tokens, new ChunkingOptions { ChunkTokens = 128 });
        var document = LongDocument(3);

        var chunked = chunker.Chunk(document);

        Assert.Equal(["doc-1#0", "doc-1#1"], chunked.Sections.Select(s => s.Id));
        foreach (var piece in chunked.Pieces)
        {
            var section = chunked.Sections.Single(s => s.Id == piece.Chunk.ParentId);
            Assert.Equal(section.Text[piece.Start..piece.End], piece.Chunk.Text);
            Assert.Equal($"{section.Id}.{piece.Chunk.Ordinal}", piece.Chunk.Id);
            Assert.Equal("doc-1", piece.Chunk.DocumentId);
        }
    }

    [Fact]
    public void TheSameContentGivesTheSameIdsAndHashesAndAChangeChangesTheDocumentHash()
    {
        var chunker = new TextChunker(SharedModel.Tokens, new ChunkingOptions());
        var document = LongDocument(2);

        var first = chunker.Chunk(document);
        var again = chunker.Chunk(document);
        var changed = chunker.Chunk(document with { Sections = [document.Sections[0], new DocumentSection("Contacts", "Call extension 4400.")] });

        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.Equal(first.Pieces.Select(p => (p.Chunk.Id, p.Chunk.ContentHash)), again.Pieces.Select(p => (p.Chunk.Id, p.Chunk.ContentHash)));
        Assert.NotEqual(first.ContentHash, changed.ContentHash);
        Assert.Equal(first.Pieces[0].Chunk.ContentHash, changed.Pieces[0].Chunk.ContentHash);
    }

    [Fact]
    public void ChineseTextIsChunkedOnItsOwnPunctuationAndLabelledChinese()
    {
        var sentence = "员工出差需提前十四天通过差旅平台预订机票和酒店，上海地区酒店报销上限为每晚八百元人民币。";
        var document = new SourceDocument("zh-1", "差旅政策", "kb/zh/travel.md", [new DocumentSection("差旅政策", string.Concat(Enumerable.Repeat(sentence, 12)))], new Dictionary<string, string>());
        var chunker = new TextChunker(SharedModel.Tokens, new ChunkingOptions { ChunkTokens = 128 });

        var chunked = chunker.Chunk(document);

        Assert.True(chunked.Pieces.Count > 1);
        Assert.All(chunked.Pieces, p =>
        {
            Assert.Equal("zh", p.Chunk.Language);
            Assert.EndsWith("。", p.Chunk.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ASentenceLongerThanAChunkIsCutIntoPiecesThatFit()
    {
        var words = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i}"));
        var document = new SourceDocument("long", "Long", "long.txt", [new DocumentSection(string.Empty, words)], new Dictionary<string, string>());
        var chunker = new TextChunker(SharedModel.Tokens, new ChunkingOptions { ChunkTokens = 128 });

        var chunked = chunker.Chunk(document);

        Assert.True(chunked.Pieces.Count >= 3);
        Assert.All(chunked.Pieces, p => Assert.True(SharedModel.Tokens.CountTokens(p.EmbeddingText) + 2 <= 160));
        Assert.Contains(chunked.Pieces, p => p.Chunk.Text.Contains("word399", StringComparison.Ordinal));
    }
}
