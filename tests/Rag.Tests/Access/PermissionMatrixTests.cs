using Assistant.Rag.Access;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Memory;
using Assistant.Rag.Query;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Assistant.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Access;

/// <summary>
/// Users × restricted documents × routes (vector, keyword, the whole answer) × feedback memory, over real Lucene and
/// MiniLM: every cell where the user may not read the document must show nothing of it, and every cell where they may
/// must find it.
/// </summary>
public sealed class PermissionMatrixTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    // Each document's text answers its own question; the titles are what must never show to the wrong user.
    private static readonly (string Id, string Title, string Text, string Question, string[]? Acl)[] Documents =
    [
        ("handbook/opening-hours", "Office opening hours", "The Lisbon office opens at eight in the morning and closes at seven in the evening on weekdays. Visitors sign in at the front desk.", "When does the Lisbon office open?", null),
        ("wiki/bluebird", "Project Bluebird merger", "Project Bluebird is the confidential acquisition of Fabrikam; the signing is planned for March and the purchase price is 410 million euros.", "What is the purchase price in Project Bluebird?", ["user:alice@contoso.com"]),
        ("finance/salary-bands", "Salary bands 2027", "Engineering salary bands for 2027: level three earns between 71,000 and 84,000 euros, level four between 86,000 and 99,000 euros.", "What are the engineering salary bands for level four?", ["group:finance"]),
        ("it/vpn", "VPN setup for staff", "To connect the VPN, install the Contoso Connect client, choose the Europe gateway and sign in with your staff badge number.", "How do I connect to the VPN gateway?", ["everyone"]),
        ("hr/review-bob", "Performance review of Bob", "Bob's annual performance review: exceeded expectations on the Atlas migration, promotion recommended for the spring cycle.", "What did Bob's performance review recommend?", ["user:7c1e2a9b-0000-4000-8000-00000000b0b0"]),
    ];

    private static readonly Dictionary<string, Asker?> Users = new()
    {
        ["anonymous"] = null,
        ["alice"] = Asker.User("alice@contoso.com"),
        ["bob"] = new Asker(["7C1E2A9B-0000-4000-8000-00000000B0B0", "bob@contoso.com"], ["Finance"]),
        ["guest"] = new Asker(["guest@fabrikam.example"], [], TenantMember: false),
    };

    // Who may read what, written out rather than computed by the code under test.
    private static readonly Dictionary<string, string[]> Readable = new()
    {
        ["anonymous"] = ["handbook/opening-hours"],
        ["alice"] = ["handbook/opening-hours", "wiki/bluebird", "it/vpn"],
        ["bob"] = ["handbook/opening-hours", "finance/salary-bands", "it/vpn", "hr/review-bob"],
        ["guest"] = ["handbook/opening-hours"],
    };

    private readonly TempFolder _folder = new();
    private TestEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = await TestEngine.OpenAsync(_folder.Path);
        await _engine.Pipeline.IngestAsync("matrix", [.. Documents.Select(d => new SourceDocument(d.Id, d.Title, "https://example.test/" + d.Id, [new DocumentSection(d.Title, d.Text)], new Dictionary<string, string>(), Acl: d.Acl))]);
    }

    public Task DisposeAsync()
    {
        _engine.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NeitherRouteReturnsAChunkOfADocumentTheUserMayNotReadAndEachFindsTheOnesTheyMay()
    {
        var vector = new DenseVectorRoute(_engine.Index, _engine.Embedder);
        var keyword = new Bm25KeywordRoute(_engine.Index);
        var leaks = new List<string>();
        var misses = new List<string>();
        foreach (var (user, asker) in Users)
        {
            foreach (var document in Documents)
            {
                var query = new RouteQuery(document.Question, document.Question, "en", ReadOnlyMemory<float>.Empty, AccessFilter.For(asker));
                foreach (IRetrievalRoute route in new IRetrievalRoute[] { vector, keyword })
                {
                    // Top 50 is more than the index holds: everything the filter lets through comes back.
                    var hits = await route.SearchAsync(query, 50);
                    var documents = hits.Select(h => DocumentOf(h.Id)).ToHashSet();
                    leaks.AddRange(documents.Where(d => !Readable[user].Contains(d)).Select(d => $"{user}/{route.Name}/{d}"));
                    if (Readable[user].Contains(document.Id) && (hits.Count == 0 || DocumentOf(hits[0].Id) != document.Id))
                    {
                        misses.Add($"{user}/{route.Name}/{document.Id}");
                    }
                }
            }
        }

        Assert.Empty(leaks);
        Assert.Empty(misses);
    }

    [Fact]
    public async Task AnAnswerShowsNoTitleSnippetOrTextOfADocumentTheAskerMayNotRead()
    {
        var engine = _engine.Assistant();
        var leaks = new List<string>();
        foreach (var (user, asker) in Users)
        {
            foreach (var document in Documents.Where(d => d.Acl is not null))
            {
                var answer = await engine.AnswerAsync(new Turn("cli", "matrix-" + user, user, document.Question, Asker: asker));
                foreach (var other in Documents.Where(d => !Readable[user].Contains(d.Id)))
                {
                    if (answer.Citations.Any(c => c.DocumentId == other.Id || c.Title == other.Title)
                        || answer.Evidence.Any(e => DocumentOf(e.ChunkId) == other.Id)
                        || answer.Text.Contains(Distinctive(other.Text), StringComparison.OrdinalIgnoreCase))
                    {
                        leaks.Add($"{user}/{document.Id}/{other.Id}");
                    }
                }

                if (Readable[user].Contains(document.Id))
                {
                    Assert.Contains(answer.Citations, c => c.DocumentId == document.Id);
                }
            }
        }

        Assert.Empty(leaks);
    }

    [Fact]
    public async Task VotesOnARestrictedDocumentNeverSurfaceItToSomeoneWhoMayNotReadIt()
    {
        // Alice asks about Bluebird, is answered from it, and she and two colleagues with access vote it up many times.
        var options = new FeedbackOptions { MinVoters = 1, MinQuestions = 1, RefreshSeconds = 0 };
        var store = new SqliteFeedbackStore(Path.Combine(_folder.Path, "feedback.db"), options, new ManualClock(Now));
        using var learning = new FeedbackLearning(store, new FixedOptions<FeedbackOptions>(options), new ManualClock(Now), NullLogger<FeedbackLearning>.Instance);
        var votes = new LearningFeedbackStore(store, learning);
        var engine = _engine.Assistant();
        var alice = Users["alice"];
        var bluebird = Documents.Single(d => d.Id == "wiki/bluebird");
        for (var i = 0; i < 5; i++)
        {
            var turn = new Turn("slack", "dm-alice", "alice" + i, bluebird.Question, Asker: alice);
            var answer = await engine.AnswerAsync(turn);
            Assert.Contains(answer.Citations, c => c.DocumentId == bluebird.Id);
            await votes.RecordAnswerAsync(turn, answer);
            await votes.RecordVoteAsync(new Vote(answer.Id, "alice" + i, "slack", "dm-alice", VoteValue.Up, Now, 1));
        }

        Assert.True((await learning.CurrentAsync()).Votes >= 5);
        var retriever = _engine.Retriever(feedback: learning);
        foreach (var (user, asker) in Users.Where(u => !Readable[u.Key].Contains(bluebird.Id)))
        {
            // The very question that was voted on, and one merely near it.
            foreach (var question in new[] { bluebird.Question, "Tell me about the Fabrikam acquisition" })
            {
                var result = await retriever.RetrieveAsync(question, null, AccessFilter.For(asker));
                Assert.DoesNotContain(result.Hits, h => DocumentOf(h.ChunkId) == bluebird.Id);
                Assert.DoesNotContain(result.Passages, p => p.DocumentId == bluebird.Id || p.Title == bluebird.Title);
                Assert.DoesNotContain(result.Hits, h => h.Feedback is not null && h.Feedback.Reason.Contains(bluebird.Title, StringComparison.OrdinalIgnoreCase));
            }
        }

        // The same votes still help Alice, who may read it.
        var own = await retriever.RetrieveAsync(bluebird.Question, null, AccessFilter.For(alice));
        Assert.Equal(bluebird.Id, DocumentOf(own.Hits[0].ChunkId));
    }

    [Fact]
    public async Task AFollowUpInAGroupChatDoesNotReadAColleaguesAnswerFromARestrictedDocument()
    {
        var engine = _engine.Assistant();
        var bluebird = Documents.Single(d => d.Id == "wiki/bluebird");
        var first = await engine.AnswerAsync(new Turn("teams", "group-1", "alice", bluebird.Question, Asker: Users["alice"]));
        Assert.Contains(first.Citations, c => c.DocumentId == bluebird.Id);

        // Bob, in the same group chat, follows up with a question that only makes sense from Alice's turn.
        var followUp = await engine.AnswerAsync(new Turn("teams", "group-1", "bob", "And when is the signing?", Asker: Users["bob"]));

        Assert.DoesNotContain(followUp.Citations, c => c.DocumentId == bluebird.Id);
        Assert.DoesNotContain("Bluebird", followUp.StandaloneQuestion, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Fabrikam", followUp.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConversationMemoryGivesAColleagueNoTurnThatCitedARestrictedDocument()
    {
        var memory = TestEngine.InProcessMemory();
        var contextualizer = new QuestionContextualizer(memory, new RuleBasedQuestionRewriter(), new FixedOptions<MemoryOptions>(new MemoryOptions()), NullLogger<QuestionContextualizer>.Instance, new DocumentAccess(_engine.Index));
        var bluebird = Documents.Single(d => d.Id == "wiki/bluebird");
        var hours = Documents.Single(d => d.Id == "handbook/opening-hours");
        var engine = _engine.Assistant();
        foreach (var (user, document) in new[] { ("alice", bluebird), ("alice", hours) })
        {
            var turn = new Turn("teams", "group-2", user, document.Question, Asker: Users[user]);
            var context = await contextualizer.ContextualizeAsync(turn, document.Question);
            await contextualizer.RememberAsync(context, await engine.AnswerAsync(turn));
        }

        var asBob = await contextualizer.ContextualizeAsync(new Turn("teams", "group-2", "bob", "and then?", Asker: Users["bob"]), "and then?");
        var asAlice = await contextualizer.ContextualizeAsync(new Turn("teams", "group-2", "alice", "and then?", Asker: Users["alice"]), "and then?");

        Assert.Equal([hours.Question], asBob.History.Turns.Select(t => t.Question));
        Assert.Equal([bluebird.Question, hours.Question], asAlice.History.Turns.Select(t => t.Question));
    }

    [Fact]
    public async Task ARevokedPermissionStopsAnswersAfterTheNextIngestWithoutEmbeddingAgain()
    {
        var bluebird = Documents.Single(d => d.Id == "wiki/bluebird");
        var filter = AccessFilter.For(Users["alice"]);
        var vector = new DenseVectorRoute(_engine.Index, _engine.Embedder);
        var query = new RouteQuery(bluebird.Question, bluebird.Question, "en", ReadOnlyMemory<float>.Empty, filter);
        Assert.Equal(bluebird.Id, DocumentOf((await vector.SearchAsync(query, 5))[0].Id));

        var result = await _engine.Pipeline.IngestAsync("matrix", [new SourceDocument(bluebird.Id, bluebird.Title, "https://example.test/" + bluebird.Id, [new DocumentSection(bluebird.Title, bluebird.Text)], new Dictionary<string, string>(), Acl: ["user:carol@contoso.com"])]);

        Assert.Equal(1, result.Updated);
        Assert.Equal(0, result.ChunksEmbedded);
        Assert.DoesNotContain(await vector.SearchAsync(query, 50), h => DocumentOf(h.Id) == bluebird.Id);
        Assert.DoesNotContain(await new Bm25KeywordRoute(_engine.Index).SearchAsync(query, 50), h => DocumentOf(h.Id) == bluebird.Id);
    }

    private static string DocumentOf(string chunkId) => AnswerEvidenceBuilder.DocumentOf(chunkId);

    // A phrase of the document that no other document contains.
    private static string Distinctive(string text) => string.Join(' ', text.Split(' ').Skip(2).Take(4));
}
