using Assistant.Rag.Access;
using Assistant.Rag.Generation;
using Assistant.Rag.Graph;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Assistant.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Tests.Graph;

/// <summary>
/// The graph route over the embedded Fernhill Labs company graph and its shipped examples (real MiniLM), and over a
/// small graph of its own whose facts cite documents with access lists in a real catalog.
/// </summary>
public sealed class GraphRouteTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Who does the head of IT report to?", "en", new[] { "Paul Schneider", "Head of IT", "Ravi Menon", "Chief Operating Officer" })]
    [InlineData("IT主管向谁汇报？", "zh", new[] { "Paul Schneider", "Ravi Menon", "汇报" })]
    [InlineData("which vendors supply the Shanghai office?", "en", new[] { "Atlas Business Travel", "Meridian Assistance", "Shanghai" })]
    [InlineData("哪些供应商为上海办公室提供服务？", "zh", new[] { "Atlas Business Travel", "Meridian Assistance" })]
    [InlineData("who owns the VPN service?", "en", new[] { "Fernhill Connect", "Network", "Ethan Moore" })]
    [InlineData("VPN服务的负责人是谁？", "zh", new[] { "Fernhill Connect", "Ethan Moore" })]
    public async Task CompanyQuestionsInEnglishAndChineseAnswerWithThePeopleSystemsAndVendorsOfTheGraph(string question, string language, string[] expected)
    {
        using var route = SampleRoute();

        var reply = await route.AnswerAsync(new StructuredQuestion(question, language, Now));

        Assert.True(reply.Answered, $"declined at {reply.Confidence:0.000}");
        Assert.All(expected, e => Assert.Contains(e, reply.Sentence, StringComparison.Ordinal));
        Assert.Equal("graph", reply.Table!.Route);
        Assert.Equal("cypher", reply.Table.QueryLanguage);
        Assert.StartsWith("MATCH", reply.Table.Query, StringComparison.Ordinal);
        Assert.Contains("LIMIT", reply.Table.Query, StringComparison.Ordinal);
        Assert.NotEmpty(reply.Table.Rows);
        Assert.NotNull(reply.ExampleId);
    }

    [Fact]
    public async Task AQuestionNoExampleFitsRunsNothingAndOffersThreeQuestionsItCanAnswer()
    {
        using var route = SampleRoute();

        var reply = await route.AnswerAsync(new StructuredQuestion("What is the airspeed velocity of an unladen swallow?", "en", Now));

        Assert.False(reply.Answered);
        Assert.Null(reply.Table);
        Assert.Equal(3, reply.Suggestions.Count);
    }

    [Theory]
    [InlineData("Delete all the people in the graph")]
    [InlineData("Set the title of Ravi Menon to CEO")]
    [InlineData("删除所有员工")]
    public async Task AQuestionAskingToChangeTheGraphIsNotAnswered(string question)
    {
        using var route = SampleRoute();

        var reply = await route.AnswerAsync(new StructuredQuestion(question, "en", Now));

        Assert.False(reply.Answered);
    }

    [Theory]
    [InlineData("MATCH (n) DETACH DELETE n")]
    [InlineData("MATCH (p:Person) SET p.title = 'x' RETURN p")]
    [InlineData("CALL db.labels()")]
    [InlineData("MATCH (p:Person) RETURN p // DELETE p")]
    public async Task AWriteHandedStraightToTheRouteIsRefusedBeforeItRuns(string cypher)
    {
        using var route = SampleRoute();

        await Assert.ThrowsAsync<GraphQueryRefusedException>(() => route.ExecuteAsync(cypher));
    }

    [Fact]
    public async Task AFactOnlyARestrictedDocumentStatesIsNotUsedForAnAskerWhoCannotReadIt()
    {
        // Arrange: who reports to Bob Stone is public, except one reporting line only the HR succession plan states.
        using var folder = new TempFolder();
        using var engine = await TestEngine.OpenAsync(folder.Path);
        await engine.Pipeline.IngestAsync("kb",
        [
            new SourceDocument("org/leadership.md", "Leadership team", "org/leadership.md", [new DocumentSection("Leadership", "Alice Ng, Head of IT, reports to Bob Stone, the COO.")], new Dictionary<string, string>()),
            new SourceDocument("hr/succession.md", "Succession plan", "hr/succession.md", [new DocumentSection("Succession", "Dan Secret joins as deputy COO and reports to Bob Stone.")], new Dictionary<string, string>(), Acl: ["group:hr"]),
        ]);
        const string Script = """
            CREATE (a:Person {name: 'Alice Ng', title: 'Head of IT', sources: ['org/leadership.md']}),
                   (b:Person {name: 'Bob Stone', title: 'COO', sources: ['org/leadership.md']}),
                   (d:Person {name: 'Dan Secret', title: 'Deputy COO', sources: ['hr/succession.md']}),
                   (e:Person {name: 'Erin Doe', title: 'Assistant'}),
                   (a)-[:REPORTS_TO {sources: ['org/leadership.md']}]->(b),
                   (d)-[:REPORTS_TO {sources: ['hr/succession.md']}]->(b),
                   (e)-[:REPORTS_TO {sources: ['hr/succession.md']}]->(b)
            """;
        const string Examples = """[{"question": "Who reports to Bob Stone?", "cypher": "MATCH (p:Person)-[:REPORTS_TO]->(m:Person {name: 'Bob Stone'}) RETURN m.name AS manager, p.name AS person ORDER BY person", "answer": "Reporting to {0}: {*1}."}]""";
        using var route = new GraphRoute(Options.Create(new GraphOptions()), SharedModel.Embedder, NullLogger<GraphRoute>.Instance, engine.Index,
            _ => Task.FromResult((Script, "test.cypher", Examples, "test.examples.json")));

        // Act
        var outsider = await route.AnswerAsync(new StructuredQuestion("Who reports to Bob Stone?", "en", Now, AccessFilter.For(Asker.User("sam@example.com"))));
        var anonymous = await route.AnswerAsync(new StructuredQuestion("Who reports to Bob Stone?", "en", Now));
        var hr = await route.AnswerAsync(new StructuredQuestion("Who reports to Bob Stone?", "en", Now, AccessFilter.For(new Asker(["hanna@example.com"], ["hr"]))));

        // Assert
        foreach (var reply in new[] { outsider, anonymous })
        {
            Assert.True(reply.Answered);
            Assert.Equal(["Alice Ng"], reply.Table!.Rows.Select(r => (string)r[1]!));
            Assert.DoesNotContain("Dan Secret", reply.Sentence, StringComparison.Ordinal);
            Assert.DoesNotContain("Erin Doe", reply.Sentence, StringComparison.Ordinal); // only the restricted document states Erin's line
            Assert.Equal(["org/leadership.md"], reply.Table.Documents!.Select(d => d.Url));
        }

        Assert.Equal(["Alice Ng", "Dan Secret", "Erin Doe"], hr.Table!.Rows.Select(r => (string)r[1]!));
        Assert.Contains("hr/succession.md", hr.Table.Documents!.Select(d => d.Url));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void AGraphAnswerCitesTheGraphFirstAndThenTheDocumentsItsFactsCameFrom()
    {
        var table = new TableResult("graph", "fernhill", ["Person", "REPORTS_TO"], "MATCH (p)-[:REPORTS_TO]->(m) RETURN p.name, m.name LIMIT 50", "cypher",
            ["person", "manager"], [["Sofia Brandt", "Ravi Menon"]], 1, false, Now, [new CitedDocument("kb:hr/parental-leave.docx", "Parental leave", "hr/parental-leave.docx")]);

        var (text, citations) = StructuredAnswers.Compose(table, "Sofia Brandt reports to Ravi Menon.", "Parental leave is 20 weeks [1].", [new Citation(1, "Parental leave", "hr/parental-leave.docx", "…", "kb:hr/parental-leave.docx", "p1", [])]);

        Assert.Equal("Sofia Brandt reports to Ravi Menon [1][2]. Parental leave is 20 weeks [3].", text);
        Assert.Equal([1, 2, 3], citations.Select(c => c.N));
        Assert.Equal("graph://fernhill", citations[0].Url);
        Assert.Equal("hr/parental-leave.docx", citations[1].Url);
    }

    [Theory]
    [InlineData("Who does the head of IT report to?")]
    [InlineData("which vendors supply the Shanghai office?")]
    [InlineData("who owns the VPN service?")]
    [InlineData("IT主管向谁汇报？")]
    public async Task TheEmbeddedRouterSendsRelationshipQuestionsToTheGraph(string question)
    {
        var router = new EmbeddedIntentRouter(SharedModel.Embedder, new FixedOptions<RoutingOptions>(new RoutingOptions()), NullLogger<EmbeddedIntentRouter>.Instance);
        var embedding = await SharedModel.Embedder.GenerateVectorAsync(question);

        var scores = await router.ScoreAsync(new RoutingQuestion(question, LanguageDetector.Detect(question), embedding));

        Assert.Equal(RouteNames.Graph, scores.Primary);
    }

    private static GraphRoute SampleRoute() =>
        new(Options.Create(new GraphOptions()), SharedModel.Embedder, NullLogger<GraphRoute>.Instance, contentRoot: AppContext.BaseDirectory, index: null);
}
