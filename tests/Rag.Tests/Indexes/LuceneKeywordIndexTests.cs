using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Tests.Indexes;

public sealed class LuceneKeywordIndexTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "keyword-index-tests", Guid.NewGuid().ToString("N"));
    private readonly List<LuceneKeywordIndex> _opened = [];

    [Fact]
    public async Task AnEnglishQueryMatchesOtherFormsOfTheSameWord()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync([Chunk("expenses#1.0", "Submit each reimbursement request within 30 days."), Chunk("vpn#1.0", "Connect to the VPN before opening the wiki.")]);

        // Act
        var hits = await index.SearchAsync("reimbursements", 10);

        // Assert
        Assert.Equal("expenses#1.0", Assert.Single(hits).Id);
    }

    [Theory]
    [InlineData("报销政策")]
    [InlineData("出差补贴")]
    public async Task AChineseQueryFindsTheChineseChunk(string query)
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync(
        [
            Chunk("travel-zh#1.0", "员工出差补贴标准和报销政策：住宿费按城市等级报销，餐费按天补贴。", language: "zh", title: "差旅管理办法"),
            Chunk("leave-zh#1.0", "年假天数根据工龄计算，请在系统中提交申请。", language: "zh", title: "休假制度"),
            Chunk("travel-en#1.0", "Travel allowance and reimbursement policy for employees.", title: "Travel policy"),
        ]);

        // Act
        var hits = await index.SearchAsync(query, 10);

        // Assert
        Assert.Equal("travel-zh#1.0", Assert.Single(hits).Id);
    }

    [Fact]
    public async Task AJapaneseQueryFindsTheJapaneseChunk()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync(
        [
            Chunk("expense-ja#1.0", "経費精算の締め切りは毎月25日です。領収書を添付してください。", language: "ja", title: "経費精算ガイド"),
            Chunk("remote-ja#1.0", "テレワーク規程について説明します。", language: "ja", title: "テレワーク"),
        ]);

        // Act
        var hits = await index.SearchAsync("経費精算の締め切り", 10);

        // Assert
        Assert.Equal("expense-ja#1.0", hits[0].Id);
        Assert.DoesNotContain(hits, h => h.Id == "remote-ja#1.0");
    }

    [Fact]
    public async Task AMixedCorpusAnswersEachLanguageAndMixedQueriesMatchEither()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync(
        [
            Chunk("vpn-en#1.0", "Install the VPN client before working from home.", title: "Remote access"),
            Chunk("expense-zh#1.0", "员工报销需要在三十天内提交发票。", language: "zh", title: "报销流程"),
            Chunk("canteen-en#1.0", "The canteen opens at noon.", title: "Facilities"),
        ]);

        // Act
        var english = await index.SearchAsync("vpn client", 10);
        var chinese = await index.SearchAsync("报销", 10);
        var mixed = await index.SearchAsync("VPN 报销", 10);

        // Assert
        Assert.Equal(["vpn-en#1.0"], english.Select(h => h.Id));
        Assert.Equal(["expense-zh#1.0"], chinese.Select(h => h.Id));
        Assert.Equal(["expense-zh#1.0", "vpn-en#1.0"], mixed.Select(h => h.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EnglishWordsInAChineseChunkAreFoundByAnEnglishQuery()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync([Chunk("vpn-zh#1.0", "在家办公时请先连接 VPN 客户端。", language: "zh", title: "远程访问")]);

        // Act
        var hits = await index.SearchAsync("VPN", 10);

        // Assert
        Assert.Equal("vpn-zh#1.0", Assert.Single(hits).Id);
    }


    [Fact]
    public async Task AChineseCrossReferenceInAnEnglishChunkDoesNotOutrankTheChinesePage()
    {
        // Arrange: many English chunks, so that single Chinese characters are rare (high IDF) in the English field.
        var index = Open();
        var english = Enumerable.Range(0, 20).Select(i => Chunk($"policy-{i}#1.0", $"Policy number {i} covers meals, hotels and travel for employees.", title: $"Policy {i}"));
        await index.UpsertAsync(
        [
            .. english,
            Chunk("leave-en#1.0", "Parental leave is 16 weeks. See also 年假与请假（上海办公室） for annual leave in Shanghai.", title: "Parental leave"),
            Chunk("leave-zh#1.0", "上海办公室员工的婚假为10个工作日，须在领取结婚证后一年内休完。年假为15个工作日。", language: "zh", title: "年假与请假（上海办公室）"),
        ]);

        // Act
        var hits = await index.SearchAsync("婚假有几天", 10);

        // Assert: the Chinese page alone; the English one shares only single characters (假, 年) with the question.
        Assert.Equal("leave-zh#1.0", Assert.Single(hits).Id);
    }

    [Fact]
    public async Task AChineseQuestionStillFindsAnEnglishChunkByAProductName()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync(
        [
            Chunk("fernid-en#1.0", "Reset your FernID password from the sign-in page.", title: "FernID"),
            Chunk("vpn-en#1.0", "Connect to the VPN before opening the wiki.", title: "VPN"),
        ]);

        // Act
        var hits = await index.SearchAsync("FernID 密码怎么重置", 10);

        // Assert
        Assert.Equal("fernid-en#1.0", Assert.Single(hits).Id);
    }
    [Fact]
    public async Task AWordOnlyInTheTitleFindsTheChunkByDefault()
    {
        // Arrange: "mileage" is in one chunk's body and only in the other's title.
        // Act
        var hits = await SearchMileageAsync(new KeywordIndexOptions(), "Every mileage claim needs a log and the trip purpose.");

        // Assert
        Assert.Equal(["body#1.0", "title#1.0"], hits.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ABoostedTitleOutranksABodyThatRepeatsTheWord()
    {
        // Arrange: the body-only chunk says the word twice; a title boost of 2 still puts the title match first.
        // Act
        var hits = await SearchMileageAsync(new KeywordIndexOptions { TitleBoost = 2f }, RepeatedMileage);

        // Assert
        Assert.Equal(["title#1.0", "body#1.0"], hits);
    }

    [Fact]
    public async Task WithoutATitleBoostATitleWordCountsLikeABodyWord()
    {
        // Arrange: the same chunks as above, default options: the title is one more line of the text, so the body that
        // says the word twice wins, which shows the boost is what ordered them above.
        // Act
        var hits = await SearchMileageAsync(new KeywordIndexOptions(), RepeatedMileage);

        // Assert
        Assert.Equal(["body#1.0", "title#1.0"], hits);
    }

    [Fact]
    public async Task AnIndexWrittenWithAnotherFieldLayoutIsEmptiedOnOpenSoItIsRebuilt()
    {
        // Arrange: an index committed by this code, then its layout marker replaced by an older one.
        var path = NewPath();
        var index = Open(path: path);
        await index.UpsertAsync([Chunk("wifi#1.0", "The guest wifi password changes weekly.")]);
        await index.SaveAsync();
        index.Dispose();
        using (var directory = Lucene.Net.Store.FSDirectory.Open(path))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            writer.SetCommitData(new Dictionary<string, string> { ["layout"] = "1" });
            writer.Commit();
        }

        // Act
        var reopened = Open(path: path);

        // Assert
        Assert.Equal(0, reopened.Count);
    }

    [Fact]
    public async Task AnIndexOfTheCurrentLayoutKeepsItsChunksOnOpen()
    {
        // Arrange
        var path = NewPath();
        var index = Open(path: path);
        await index.UpsertAsync([Chunk("wifi#1.0", "The guest wifi password changes weekly.")]);
        await index.SaveAsync();
        await index.UpsertAsync([Chunk("vpn#1.0", "Connect to the VPN first.")]);
        await index.SaveAsync();
        index.Dispose();

        // Act
        var reopened = Open(path: path);

        // Assert
        Assert.Equal(2, reopened.Count);
    }

    [Fact]
    public async Task TheSectionHeadingIsSearchedLikeTheTitle()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync([Chunk("handbook#4.0", "Ask your manager first.", title: "Employee handbook", heading: "Parental leave")]);

        // Act
        var hits = await index.SearchAsync("parental", 10);

        // Assert
        Assert.Equal("handbook#4.0", Assert.Single(hits).Id);
    }

    [Fact]
    public async Task UpsertingAnExistingIdReplacesItsText()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync([Chunk("policy#1.0", "The office closes at six.")]);

        // Act
        await index.UpsertAsync([Chunk("policy#1.0", "The office closes at eight.")]);

        // Assert
        Assert.Equal(1, index.Count);
        Assert.Empty(await index.SearchAsync("six", 10));
        Assert.Single(await index.SearchAsync("eight", 10));
    }

    [Fact]
    public async Task DeletedChunksAreNoLongerFoundAndUnknownIdsAreIgnored()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync([Chunk("a#1.0", "printer toner"), Chunk("b#1.0", "printer paper")]);

        // Act
        await index.DeleteAsync(["a#1.0", "missing#9.9"]);

        // Assert
        Assert.Equal(1, index.Count);
        Assert.Equal(["b#1.0"], (await index.SearchAsync("printer", 10)).Select(h => h.Id));
    }

    [Fact]
    public async Task ASavedIndexReopensFromDiskWithItsChunks()
    {
        // Arrange
        var path = NewPath();
        var index = Open(path: path);
        await index.UpsertAsync([Chunk("wifi#1.0", "The guest wifi password changes weekly."), Chunk("zh#1.0", "访客无线网络密码每周更换。", language: "zh")]);
        await index.SaveAsync();
        index.Dispose();

        // Act
        var reopened = Open(path: path);

        // Assert
        Assert.Equal(2, reopened.Count);
        Assert.Equal("wifi#1.0", (await reopened.SearchAsync("password", 10))[0].Id);
        Assert.Equal("zh#1.0", (await reopened.SearchAsync("密码", 10))[0].Id);
    }

    [Fact]
    public async Task ChangesThatWereNotSavedAreGoneAfterReopening()
    {
        // Arrange
        var path = NewPath();
        var index = Open(path: path);
        await index.UpsertAsync([Chunk("saved#1.0", "saved text")]);
        await index.SaveAsync();
        await index.UpsertAsync([Chunk("unsaved#1.0", "unsaved text")]);
        index.Dispose();

        // Act
        var reopened = Open(path: path);

        // Assert
        Assert.Equal(["saved#1.0"], (await reopened.SearchAsync("text", 10)).Select(h => h.Id));
    }

    [Theory]
    [InlineData("(foo AND bar:baz~")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("\"unterminated phrase")]
    [InlineData("title_en:secret^100 OR id:*")]
    [InlineData("\\ ] } { [ ^ ~ || && ! -")]
    [InlineData("报销)(*?")]
    public async Task QueriesWithLuceneSyntaxAreTreatedAsPlainText(string query)
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync([Chunk("foo#1.0", "foo and bar and baz", language: "en")]);

        // Act
        var hits = await index.SearchAsync(query, 10);

        // Assert: only the words count, so the one query with a word of the chunk finds it.
        Assert.Equal(query.StartsWith("(foo", StringComparison.Ordinal), hits.Count == 1);
    }

    [Fact]
    public async Task APastedPageAsAQueryDoesNotHitLucenesClauseLimit()
    {
        // Arrange: 3 000 distinct words would be 18 000 term clauses over the six fields.
        var index = Open();
        await index.UpsertAsync([Chunk("a#1.0", "word5 appears here")]);
        var query = string.Join(' ', Enumerable.Range(0, 3_000).Select(i => $"word{i}"));

        // Act
        var hits = await index.SearchAsync(query, 10);

        // Assert
        Assert.Equal("a#1.0", Assert.Single(hits).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n")]
    [InlineData("the of and")]
    public async Task BlankOrStopWordOnlyQueriesGiveNoHits(string query)
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync([Chunk("a#1.0", "the end of the road and more")]);

        // Act
        var hits = await index.SearchAsync(query, 10);

        // Assert
        Assert.Empty(hits);
    }

    [Fact]
    public async Task ClearRemovesEveryChunk()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync([Chunk("a#1.0", "alpha"), Chunk("b#1.0", "beta")]);

        // Act
        await index.ClearAsync();

        // Assert
        Assert.Equal(0, index.Count);
        Assert.Empty(await index.SearchAsync("alpha", 10));
    }

    [Fact]
    public void ASecondIndexOnTheSameDirectoryFailsWithAnErrorNamingIt()
    {
        // Arrange
        var path = NewPath();
        Open(path: path);

        // Act
        var exception = Assert.Throws<IndexStorageException>(() => Open(path: path));

        // Assert
        Assert.Contains(Path.GetFullPath(path), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorruptIndexFailsToOpenWithAnErrorNamingItsDirectory()
    {
        // Arrange: a committed index whose commit point is then overwritten with garbage.
        var path = NewPath();
        var index = Open(path: path);
        await index.UpsertAsync([Chunk("a#1.0", "alpha")]);
        await index.SaveAsync();
        index.Dispose();
        foreach (var segments in Directory.GetFiles(path, "segments_*"))
        {
            await File.WriteAllTextAsync(segments, "not a segments file");
        }

        // Act
        var exception = Assert.Throws<IndexStorageException>(() => Open(path: path));

        // Assert
        Assert.Contains(Path.GetFullPath(path), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchesRunConcurrentlyWithWrites()
    {
        // Arrange
        var index = Open();
        await index.UpsertAsync(Enumerable.Range(0, 200).Select(i => Chunk($"doc#{i}.0", $"policy number {i} about expenses")).ToArray());

        // Act
        var searches = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                Assert.Equal(10, (await index.SearchAsync("expenses policy", 10)).Count);
            }
        }));
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await index.UpsertAsync([Chunk($"new#{i}.0", "new expenses policy")]);
                await index.DeleteAsync([$"doc#{i}.0"]);
            }
        });
        await Task.WhenAll([.. searches, writes]);

        // Assert
        Assert.Equal(200, index.Count);
    }

    public void Dispose()
    {
        foreach (var index in _opened)
        {
            index.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover scratch directory in /tmp is harmless.
        }
    }

    private LuceneKeywordIndex Open(KeywordIndexOptions? options = null, string? path = null)
    {
        var index = new LuceneKeywordIndex(path ?? NewPath(), options);
        _opened.Add(index);
        return index;
    }

    private string NewPath() => Path.Combine(_root, Guid.NewGuid().ToString("N"));

    private static Chunk Chunk(string id, string text, string language = "en", string title = "", string heading = "") =>
        new(
            Id: id,
            DocumentId: id.Split('#')[0],
            ParentId: id.Split('.')[0],
            Ordinal: 0,
            Title: title,
            Url: $"https://intranet.example.com/{id.Split('#')[0]}",
            Heading: heading,
            Text: text,
            Language: language,
            TokenCount: text.Length / 4,
            ContentHash: "",
            DocumentVersion: "1");

    private const string RepeatedMileage = "Every mileage claim needs a mileage log and the trip purpose.";

    // Two chunks: "mileage" in one's body, only in the other's title; the ids of the hits for "mileage", best first.
    private async Task<string[]> SearchMileageAsync(KeywordIndexOptions options, string body)
    {
        var index = Open(options);
        await index.UpsertAsync(
        [
            Chunk("body#1.0", body, title: "Travel rules"),
            Chunk("title#1.0", "Claims are paid with the next salary run after approval.", title: "Mileage"),
        ]);
        return [.. (await index.SearchAsync("mileage", 10)).Select(h => h.Id)];
    }
}
