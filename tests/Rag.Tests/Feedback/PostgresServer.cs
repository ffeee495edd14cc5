using System.Collections.Concurrent;
using Npgsql;

namespace Assistant.Rag.Tests.Feedback;

/// <summary>
/// The test PostgreSQL server (ASSISTANT_TEST_POSTGRES). Each caller gets a fresh schema of its own, so runs and tests
/// never see each other's tables; every schema made is dropped at the end.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Variable = "ASSISTANT_TEST_POSTGRES";

    private readonly ConcurrentBag<string> _schemas = [];
    private string _server = string.Empty;

    public async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: these tests need a real PostgreSQL server. Start them with tests/test-services.sh; test.sh does.");
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
    }

    /// <summary>Creates an empty schema; returns a connection string whose search path is that schema.</summary>
    public async Task<string> CreateSchemaAsync()
    {
        var name = $"feedback_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE SCHEMA {name}");
        _schemas.Add(name);
        return new NpgsqlConnectionStringBuilder(_server) { SearchPath = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _schemas)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS {name} CASCADE");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
