using System.Text.RegularExpressions;
using Assistant.Rag.Generation;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Generation;

/// <summary>How a structured route's table or decline becomes the answer, through the real engine over a real index.</summary>
public sealed partial class StructuredAnswerTests(IndexedKnowledgeBase kb) : IClassFixture<IndexedKnowledgeBase>
{
    [Fact]
    public async Task ATableTheRouterChoseLeadsTheAnswerAsCitationOneNamingTheDatabaseAndTables()
    {
        var sql = FakeStructuredRoute.Counting(14, "There are 14 open P1 tickets for the Network team.");
        var engine = kb.Engine.Assistant(structuredRoutes: [sql]);

        var answer = await engine.AnswerAsync(Ask("How many open P1 tickets does the network team have?"));

        Assert.Equal(AnswerKind.Queried, answer.Kind);
        Assert.StartsWith("There are 14 open P1 tickets for the Network team [1].", answer.Text, StringComparison.Ordinal);
        var table = Assert.Single(answer.Tables);
        Assert.Equal(14L, table.Rows[0][0]);
        Assert.Equal("servicedesk database: tickets", answer.Citations[0].Title);
        Assert.Contains("Data as of 2026-12-01 09:30 UTC", answer.Citations[0].Snippet, StringComparison.Ordinal);
        Assert.Equal("ex-17", answer.QueryExampleId);
        Assert.Contains(answer.Routes, r => r.Name == RouteNames.Sql && r.Hits == 1);
        Assert.Equal("How many open P1 tickets does the network team have?", Assert.Single(sql.Questions).Text);
        AssertMarkersMatchCitations(answer);
    }

    [Fact]
    public async Task TextEvidenceFollowsTheTableWithItsCitationsRenumberedAfterIt()
    {
        var sql = FakeStructuredRoute.Counting(3, "3 trips were booked to Germany.");
        var engine = kb.Engine.Assistant(structuredRoutes: [sql]);

        var answer = await engine.AnswerAsync(Ask("How much is the daily meal allowance for business trips in Germany?"));

        Assert.Equal(AnswerKind.Queried, answer.Kind);
        Assert.StartsWith("3 trips were booked to Germany [1].", answer.Text, StringComparison.Ordinal);
        Assert.Contains("28 euros", answer.Text, StringComparison.Ordinal);
        Assert.Equal(KnowledgeBase.Travel.Id, answer.Citations[1].DocumentId);
        Assert.Equal(2, answer.Citations[1].N);
        AssertMarkersMatchCitations(answer);
    }

    [Fact]
    public async Task ADeclinedQueryLeavesTheAnswerToTheTextRoutes()
    {
        var engine = kb.Engine.Assistant(structuredRoutes: [FakeStructuredRoute.Declining("How many open tickets are there?")]);

        var answer = await engine.AnswerAsync(Ask("What portal address do I enter in GlobalProtect?"));

        Assert.Equal(AnswerKind.Extractive, answer.Kind);
        Assert.Contains("vpn.contoso.com", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Tables);
        Assert.Empty(answer.Suggestions);
    }

    [Fact]
    public async Task ADeclinedQueryWithNoTextEvidenceOffersTheQuestionsItCanAnswerInTheAskersLanguage()
    {
        var engine = kb.Engine.Assistant(structuredRoutes: [FakeStructuredRoute.Declining("网络组有多少个未关闭的P1工单？", "上个月关闭了多少工单？")]);

        var answer = await engine.AnswerAsync(Ask("火星办公室有多少台打印机？"));

        Assert.Equal(AnswerKind.NoEvidence, answer.Kind);
        Assert.Contains("这个问题我还无法通过数据库查询来回答", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["网络组有多少个未关闭的P1工单？", "上个月关闭了多少工单？"], answer.Suggestions);
    }

    [Fact]
    public async Task AFailingStructuredRouteCostsItsTableNotTheAnswer()
    {
        var broken = new FakeStructuredRoute("sql", _ => throw new InvalidOperationException("database is down"));
        var engine = kb.Engine.Assistant(structuredRoutes: [broken]);

        var answer = await engine.AnswerAsync(Ask("What portal address do I enter in GlobalProtect?"));

        Assert.Equal(AnswerKind.Extractive, answer.Kind);
        Assert.DoesNotContain(answer.Routes, r => r.Name == RouteNames.Sql);
    }

    [Fact]
    public async Task AStructuredRouteBelowTheLeadWeightDoesNotLead()
    {
        var reply = await FakeStructuredRoute.Counting(1, "One.").AnswerAsync(new("q", "en", DateTimeOffset.UnixEpoch));

        Assert.Null(StructuredAnswers.Lead([new("sql", StructuredAnswers.LeadWeight - 0.01, reply)]));
        Assert.NotNull(StructuredAnswers.Lead([new("sql", StructuredAnswers.LeadWeight, reply)]));
    }

    private static Turn Ask(string text) => new("playground", "conversation-1", "user-1", text);

    private static void AssertMarkersMatchCitations(Answer answer)
    {
        var markers = Markers().Matches(answer.Text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        Assert.Equal(answer.Citations.Select(c => c.N).Order().ToList(), markers);
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Markers();
}
