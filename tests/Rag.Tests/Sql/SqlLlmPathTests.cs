using System.ClientModel;
using System.Text.Json.Nodes;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Sql;
using Assistant.Rag.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Assistant.Rag.Tests.Sql;

/// <summary>
/// NL2SQL with an LLM, over the real sample database: for a question no stored example fits, the model writes the query
/// from the schema it is shown; the guard still decides what runs; an error gets one repair round; "unanswerable" runs nothing.
/// </summary>
public sealed class SqlLlmPathTests : IDisposable
{
    private const string Question = "Which were the five most recently opened P1 tickets, and what were they about?";
    private const string Written = "SELECT title, opened_at FROM tickets WHERE priority = 'P1' ORDER BY opened_at DESC LIMIT 5";
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "assistant-sql-llm-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task WithoutAModelTheQuestionIsDeclined()
    {
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder);

        var reply = await route.AnswerAsync(new StructuredQuestion(Question, "en", Now));

        Assert.False(reply.Answered);
        Assert.Equal(3, reply.Suggestions.Count);
    }

    [Fact]
    public async Task TheModelSeesTheSchemaValuesAndExamplesAndItsQueryAnswersThroughTheGuard()
    {
        var chat = ScriptedChatClient.Replying($$"""{"sql":"{{Written}}","answerable":true}""");
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat));

        var reply = await route.AnswerAsync(new StructuredQuestion(Question, "en", Now));

        Assert.True(reply.Answered);
        Assert.Equal(Written, reply.Table!.Query);
        Assert.Equal(["title", "opened_at"], reply.Table.Columns);
        Assert.Equal(5, reply.Table.Rows.Count);
        Assert.Null(reply.ExampleId);
        Assert.StartsWith("The query returned", reply.Sentence, StringComparison.Ordinal);
        var system = chat.Requests.Single()[0].Text;
        Assert.Contains("expense_claims (", system, StringComparison.Ordinal);
        Assert.Contains("priority TEXT — values: 'P1', 'P2', 'P3', 'P4'", system, StringComparison.Ordinal);
        Assert.Contains("Today is 2026-04-15", system, StringComparison.Ordinal);
        Assert.Contains("Dialect: SQLite", system, StringComparison.Ordinal);
        Assert.Contains("Q: ", system, StringComparison.Ordinal);
        Assert.DoesNotContain("email", system, StringComparison.Ordinal); // a hidden column is never shown
        Assert.Equal(Question, chat.Requests.Single()[^1].Text);
    }

    [Fact]
    public async Task AQueryThatFailsGetsOneRepairRoundWithTheErrorText()
    {
        var replies = new Queue<string>([
            """{"sql":"SELECT subject, opened_at FROM tickets WHERE priority = 'P1' ORDER BY opened_at DESC LIMIT 5","answerable":true}""",
            $$"""{"sql":"{{Written}}","answerable":true}""",
        ]);
        var chat = new ScriptedChatClient((_, _) => Task.FromResult(replies.Dequeue()));
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat));

        var reply = await route.AnswerAsync(new StructuredQuestion(Question, "en", Now));

        Assert.True(reply.Answered);
        Assert.Equal(Written, reply.Table!.Query);
        Assert.Equal(2, chat.Requests.Count);
        var repair = chat.Requests[1];
        Assert.Equal("SELECT subject, opened_at FROM tickets WHERE priority = 'P1' ORDER BY opened_at DESC LIMIT 5", repair[^2].Text);
        Assert.Contains("subject", repair[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWriteTheModelProposesIsRefusedTwiceAndNothingChanges()
    {
        var replies = new Queue<string>([
            """{"sql":"DELETE FROM tickets WHERE priority = 'P4'","answerable":true}""",
            """{"sql":"SELECT 1; DROP TABLE tickets","answerable":true}""",
        ]);
        var chat = new ScriptedChatClient((_, _) => Task.FromResult(replies.Dequeue()));
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat));

        var reply = await route.AnswerAsync(new StructuredQuestion("Remove the old P4 tickets from the list", "en", Now));

        Assert.False(reply.Answered);
        Assert.Equal(2, chat.Requests.Count);
        Assert.Contains("refused", chat.Requests[1][^1].Text, StringComparison.Ordinal);
        Assert.Equal(4800, Scalar("SELECT count(*) FROM tickets"));
    }

    [Fact]
    public async Task AnUnanswerableVerdictRunsNothingAndOffersTheNearestQuestions()
    {
        var chat = ScriptedChatClient.Replying("""{"sql":"","answerable":false}""");
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat));

        var reply = await route.AnswerAsync(new StructuredQuestion("What will the weather be in Berlin tomorrow?", "en", Now));

        Assert.False(reply.Answered);
        Assert.Equal(3, reply.Suggestions.Count);
    }

    [Fact]
    public async Task AQuestionAStoredExampleFitsIsAnsweredWithoutAskingTheModel()
    {
        var chat = ScriptedChatClient.Replying("""{"sql":"SELECT 1","answerable":true}""");
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat));

        var reply = await route.AnswerAsync(new StructuredQuestion("How many open P1 tickets does the Network team have?", "en", Now));

        Assert.True(reply.Answered);
        Assert.NotNull(reply.ExampleId);
        Assert.Empty(chat.Requests);
    }

    [Fact]
    public async Task OverHttpTheCallAsksForTheQuerySchemaAndItsReplyRuns()
    {
        await using var server = new OpenAiStubServer(_ => (200, $$"""{"sql":"{{Written}}","answerable":true}"""));
        using var chat = new OpenAI.Chat.ChatClient("test-model", new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseUrl) }).AsIChatClient();
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat));

        var reply = await route.AnswerAsync(new StructuredQuestion(Question, "en", Now));

        Assert.True(reply.Answered);
        Assert.Equal(Written, reply.Table!.Query);
        var format = Assert.Single(server.Requests).Body["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var properties = format["json_schema"]!["schema"]!["properties"]!.AsObject();
        Assert.Contains("sql", properties.Select(p => p.Key));
        Assert.Contains("answerable", properties.Select(p => p.Key));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private long Scalar(string sql) => SampleSql.Scalar(_folder, sql);
}
