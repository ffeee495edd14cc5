using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Tests.Sql;

/// <summary>The embedded Fernhill Labs database answers its sample questions, in English and Chinese, with the right numbers.</summary>
public sealed class SampleDatabaseTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "assistant-sql-sample-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SqlRoute _route;

    public SampleDatabaseTests()
    {
        _route = SqlRoutes.Create(new SqlOptions(), _folder, _folder);
    }

    [Theory]
    [InlineData("How many open P1 tickets does the Network team have?", "en", "SELECT count(*) FROM tickets t JOIN teams m ON t.team_id = m.team_id WHERE m.name = 'Network' AND status = 'open' AND priority = 'P1'")]
    [InlineData("网络团队有多少个未关闭的P1工单？", "zh", "SELECT count(*) FROM tickets t JOIN teams m ON t.team_id = m.team_id WHERE m.name = 'Network' AND status = 'open' AND priority = 'P1'")]
    [InlineData("How many open P3 tickets does the Workplace team have?", "en", "SELECT count(*) FROM tickets t JOIN teams m ON t.team_id = m.team_id WHERE m.name = 'Workplace' AND status = 'open' AND priority = 'P3'")]
    [InlineData("How many employees work in the Shanghai office?", "en", "SELECT count(*) FROM employees e JOIN offices o ON e.office_id = o.office_id WHERE o.city = 'Shanghai'")]
    [InlineData("奥斯汀办公室有多少员工？", "zh", "SELECT count(*) FROM employees e JOIN offices o ON e.office_id = o.office_id WHERE o.city = 'Austin'")]
    [InlineData("How many tickets were opened last month?", "en", "SELECT count(*) FROM tickets WHERE opened_at >= '2026-03-01' AND opened_at < '2026-04-01'")]
    [InlineData("上个月提交了多少笔报销？", "zh", "SELECT count(*) FROM expense_claims WHERE submitted_on >= '2026-03-01' AND submitted_on < '2026-04-01'")]
    [InlineData("How many P2 tickets were opened in 2025?", "en", "SELECT count(*) FROM tickets WHERE priority = 'P2' AND opened_at >= '2025-01-01' AND opened_at < '2026-01-01'")]
    public async Task ASampleQuestionIsAnsweredWithTheNumberTheDataHolds(string question, string language, string truth)
    {
        var reply = await _route.AnswerAsync(new StructuredQuestion(question, language, Now));

        Assert.True(reply.Answered, $"declined at {reply.Confidence:0.000}");
        var expected = Scalar(truth);
        Assert.Equal(expected, Convert.ToInt64(reply.Table!.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), reply.Sentence, StringComparison.Ordinal);
        Assert.Equal("fernhill", reply.Table.Source);
        Assert.NotNull(reply.ExampleId);
    }

    [Fact]
    public async Task TheSentenceNamesTheTeamAndPriorityTheQuestionAskedAbout()
    {
        var reply = await _route.AnswerAsync(new StructuredQuestion("How many open P2 tickets does the Security team have?", "en", Now));

        Assert.Matches(@"^There are \d+ open P2 tickets for the Security team\.$", reply.Sentence);
        Assert.Contains("'Security'", reply.Table!.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("How do I reset my VPN password?")]
    [InlineData("Delete all tickets of the Network team")]
    public async Task AQuestionNoExampleFitsRunsNothingAndOffersThreeItCanAnswer(string question)
    {
        var reply = await _route.AnswerAsync(new StructuredQuestion(question, "en", Now));

        Assert.False(reply.Answered);
        Assert.Null(reply.Table);
        Assert.Equal(3, reply.Suggestions.Count);
    }

    [Fact]
    public async Task IntrospectionSeesTheTablesTheirKeysAndLowCardinalityValues()
    {
        await _route.RefreshAsync();

        Assert.Contains("tickets (4800 rows)", _route.Description, StringComparison.Ordinal);
        var table = await _route.ExecuteAsync("fernhill", "SELECT DISTINCT priority FROM tickets ORDER BY 1");
        Assert.Equal(["P1", "P2", "P3", "P4"], table.Rows.Select(r => (string)r[0]!));
        await Assert.ThrowsAsync<SqlRefusedException>(() => _route.ExecuteAsync("fernhill", "SELECT email FROM employees"));
    }

    public void Dispose()
    {
        _route.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private long Scalar(string sql) => SampleSql.Scalar(_folder, sql);
}
