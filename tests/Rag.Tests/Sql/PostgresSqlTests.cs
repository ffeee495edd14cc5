using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Sql;
using Assistant.Rag.Tests.Feedback;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Rag.Tests.Sql;

/// <summary>
/// The PostgreSQL provider against the real server, connected as a SELECT-only role made the way the README says
/// (GRANT USAGE on the schema, GRANT SELECT on its tables, nothing else).
/// </summary>
public sealed class PostgresSqlTests(PostgresServer server) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private readonly string _role = "sql_reader_" + Guid.NewGuid().ToString("N")[..10];
    private string _admin = string.Empty;
    private string _schema = string.Empty;
    private SqlRoute _route = null!;

    public async Task InitializeAsync()
    {
        _admin = await server.CreateSchemaAsync();
        _schema = new NpgsqlConnectionStringBuilder(_admin).SearchPath!;
        await AdminAsync($"""
            CREATE TABLE teams (team_id int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE tickets (ticket_id int PRIMARY KEY, team_id int REFERENCES teams(team_id), priority text, status text);
            INSERT INTO teams VALUES (1, 'Network'), (2, 'Security');
            INSERT INTO tickets SELECT g, 1 + g % 2, 'P' || (1 + g % 4), CASE WHEN g % 3 = 0 THEN 'open' ELSE 'closed' END FROM generate_series(1, 120) g;
            CREATE FUNCTION write_it() RETURNS int LANGUAGE sql AS 'DELETE FROM tickets RETURNING 1';
            CREATE ROLE {_role} LOGIN;
            GRANT USAGE ON SCHEMA {_schema} TO {_role};
            GRANT SELECT ON ALL TABLES IN SCHEMA {_schema} TO {_role};
            """);
        var reader = new NpgsqlConnectionStringBuilder(_admin) { Username = _role }.ConnectionString;
        var options = new SqlOptions { RowLimit = 10, TimeoutMilliseconds = 200 };
        options.Databases.Add(new SqlDatabaseOptions { Name = "desk", Provider = SqlDatabaseOptions.Postgres, ConnectionString = reader });
        _route = SqlRoutes.Create(options, Path.GetTempPath(), Path.GetTempPath());
    }

    public async Task DisposeAsync()
    {
        _route.Dispose();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP OWNED BY {_role}; DROP ROLE {_role};");
    }

    [Fact]
    public async Task IntrospectionReadsTablesKeysCountsAndValues()
    {
        await _route.RefreshAsync();

        Assert.Contains("tickets (120 rows): ticket_id, team_id, priority, status", _route.Description, StringComparison.Ordinal);
        var table = await _route.ExecuteAsync("desk", "SELECT m.name, count(*) AS open FROM tickets t JOIN teams m ON t.team_id = m.team_id WHERE t.status = 'open' GROUP BY m.name ORDER BY m.name");
        Assert.Equal([["Network", 20L], ["Security", 20L]], table.Rows.Select(r => r.ToArray()).ToArray());
        Assert.Equal(["teams", "tickets"], table.Objects);
    }

    [Fact]
    public async Task RowsBeyondTheLimitAreCutAndCounted()
    {
        var table = await _route.ExecuteAsync("desk", "SELECT ticket_id FROM tickets");

        Assert.Equal(10, table.Rows.Count);
        Assert.Equal(120, table.TotalRows);
        Assert.True(table.Truncated);
    }

    [Theory]
    [InlineData("DELETE FROM tickets")]
    [InlineData("SELECT 1; DELETE FROM tickets")]
    [InlineData("SELECT pg_read_file('/etc/passwd')")]
    [InlineData("SELECT set_config('default_transaction_read_only', 'off', false)")]
    [InlineData("SELECT current_setting('data_directory')")]
    [InlineData("COPY tickets TO '/tmp/out.csv'")]
    [InlineData("SELECT * FROM pg_catalog.pg_authid")]
    [InlineData("SELECT * FROM tickets FOR UPDATE")]
    [InlineData("SELECT * INTO stolen FROM tickets")]
    [InlineData("SELECT dblink_exec('host=evil', 'DROP TABLE x')")]
    [InlineData("SELECT lo_import('/etc/passwd')")]
    [InlineData("SELECT E'\\x41' FROM tickets")]
    public async Task TheGuardRefusesBeforeTheServerSeesIt(string sql)
    {
        await Assert.ThrowsAsync<SqlRefusedException>(() => _route.ExecuteAsync("desk", sql));
    }

    [Fact]
    public async Task AWritingFunctionThatPassesTheGuardFailsInTheReadOnlyTransaction()
    {
        await Assert.ThrowsAsync<SqlExecutionException>(() => _route.ExecuteAsync("desk", $"SELECT {_schema}.write_it()"));

        var count = await _route.ExecuteAsync("desk", "SELECT count(*) FROM tickets");
        Assert.Equal(120L, count.Rows[0][0]);
    }

    [Fact]
    public async Task AQueryPastTheStatementTimeoutIsStopped()
    {
        await Assert.ThrowsAsync<SqlExecutionException>(() => _route.ExecuteAsync("desk", "SELECT count(*) FROM generate_series(1, 1000000000)"));
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
