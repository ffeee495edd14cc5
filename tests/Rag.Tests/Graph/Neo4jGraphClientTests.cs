using System.Text;
using Assistant.Rag.Graph;

namespace Assistant.Rag.Tests.Graph;

/// <summary>The Neo4j adapter against a stand-in of the HTTP Query API: guard, EXPLAIN check, read access mode, errors.</summary>
public sealed class Neo4jGraphClientTests : IAsyncDisposable
{
    private readonly Neo4jStandIn _server = new();
    private readonly HttpClient _http = new();

    [Fact]
    public async Task AReadQueryIsExplainedThenRunInReadModeWithTheCredentialsAndItsRowsComeBack()
    {
        var client = new Neo4jGraphClient(_http, new Neo4jOptions { Url = _server.Url, Database = "company", User = "reader", Password = "s3cret" });

        var rows = await client.QueryAsync("MATCH (p:Person)-[:REPORTS_TO]->(m:Person {name: $name}) RETURN p.name AS name, p.title AS title",
            new Dictionary<string, object?> { ["name"] = "Katrin Vogel" });

        Assert.Equal(["name", "title"], rows.Columns);
        Assert.Equal(["Ravi Menon", "Chief Operating Officer"], rows.Rows[0]);
        Assert.Equal(7L, rows.Rows[1][1]);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal("/db/company/query/v2", r.Path));
        Assert.All(_server.Requests, r => Assert.Equal("Read", r.Body["accessMode"]!.GetValue<string>()));
        Assert.All(_server.Requests, r => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("reader:s3cret")), r.Authorization));
        Assert.StartsWith("EXPLAIN MATCH", _server.Requests[0].Body["statement"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("LIMIT 1000", _server.Requests[1].Body["statement"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Katrin Vogel", _server.Requests[1].Body["parameters"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATokenIsSentAsABearerToken()
    {
        var client = new Neo4jGraphClient(_http, new Neo4jOptions { Url = _server.Url, Token = "sso-token" });

        await client.QueryAsync("MATCH (p:Person) RETURN p.name AS name, p.title AS title");

        Assert.All(_server.Requests, r => Assert.Equal("Bearer sso-token", r.Authorization));
    }

    [Theory]
    [InlineData("MATCH (n) DETACH DELETE n")]
    [InlineData("CREATE (p:Person {name: 'Mallory'}) RETURN p")]
    [InlineData("CALL db.labels()")]
    [InlineData("MATCH (p:Person) RETURN p /* hidden */")]
    public async Task AWriteIsRefusedByTheGuardAndNothingIsSent(string cypher)
    {
        var client = new Neo4jGraphClient(_http, new Neo4jOptions { Url = _server.Url });

        await Assert.ThrowsAsync<GraphQueryRefusedException>(() => client.QueryAsync(cypher));

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("Create@neo4j")]
    [InlineData("SetProperty@neo4j")]
    [InlineData("ProcedureCall@neo4j")]
    [InlineData("DetachDelete@neo4j")]
    public async Task AQueryNeo4jWouldPlanWithAWriteIsRefusedAfterTheExplainAndNeverRun(string planned)
    {
        _server.PlannedOperator = planned;
        var client = new Neo4jGraphClient(_http, new Neo4jOptions { Url = _server.Url });

        var refused = await Assert.ThrowsAsync<GraphQueryRefusedException>(() => client.QueryAsync("MATCH (p:Person) RETURN p.name AS name"));

        Assert.Contains(planned, refused.Message, StringComparison.Ordinal);
        var only = Assert.Single(_server.Requests);
        Assert.StartsWith("EXPLAIN ", only.Body["statement"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerErrorBecomesARuntimeErrorNamingItsCodeAndNotTheCredentials()
    {
        _server.ErrorCode = "Neo.ClientError.Statement.SyntaxError";
        var client = new Neo4jGraphClient(_http, new Neo4jOptions { Url = _server.Url, User = "reader", Password = "s3cret" });

        var error = await Assert.ThrowsAsync<CypherRuntimeException>(() => client.QueryAsync("MATCH (p:Person) RETURN p.name AS name"));

        Assert.Contains("Neo.ClientError.Statement.SyntaxError", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }
}
