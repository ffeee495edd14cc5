using System.Text.Json;
using Assistant.Rag.Indexes;
using Assistant.Rag.Sql;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Tests.Sql;

/// <summary>The SQLite guard: one read-only statement over exposed tables and allowed functions, under the limits.</summary>
public sealed class SqlGuardTests(SpiderFixture fixture) : IClassFixture<SpiderFixture>
{
    public static TheoryData<string> Refused() => new()
    {
        "DROP TABLE singer",
        "DELETE FROM singer",
        "UPDATE singer SET age = 1",
        "INSERT INTO singer DEFAULT VALUES",
        "SELECT 1; DELETE FROM singer",
        "SELECT 1 /* ; */; DELETE FROM singer",
        "SELECT count(*) FROM singer -- one\n; DROP TABLE singer",
        "ATTACH DATABASE ':memory:' AS other",
        "PRAGMA writable_schema = ON",
        "SELECT * FROM pragma_table_info('singer')",
        "SELECT load_extension('evil')",
        "SELECT * FROM sqlite_master",
        "WITH x AS (SELECT 1) DELETE FROM singer",
        "VACUUM INTO 'copy.db'",
        "SELECT randomblob(10)",
        "ＤＥＬＥＴＥ FROM singer",
        "CREATE TEMP TABLE t (x)",
        "SELECT Name FROM hidden_table",
        "SELECT 1, sqlite_master AS q FROM sqlite_master",
        "WITH x AS (SELECT 1), sqlite_master AS (SELECT 2) SELECT * FROM main.sqlite_master",
        "WITH sqlite_master AS (SELECT 2) SELECT * FROM main.sqlite_master",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task AnythingButOneReadOfExposedTablesIsRefusedOrFails(string sql)
    {
        using var route = Route();
        var exception = await Record.ExceptionAsync(() => route.ExecuteAsync("concert_singer", sql));

        Assert.True(exception is SqlRefusedException or SqlExecutionException, $"'{sql}' ran: {exception}");
    }

    [Fact]
    public async Task AReadOfAnExposedTableRunsAndReportsWhatItRead()
    {
        using var route = Route();

        var table = await route.ExecuteAsync("concert_singer", "SELECT country, count(*) AS singers FROM singer GROUP BY country ORDER BY country;");

        Assert.Equal(["Country", "singers"], table.Columns);
        Assert.Equal([["France", 2L], ["Netherlands", 2L], ["Spain", 1L]], table.Rows.Select(r => r.ToArray()).ToArray());
        Assert.Equal(["singer"], table.Objects);
        Assert.False(table.Truncated);
    }

    [Fact]
    public async Task RowsBeyondTheLimitAreCountedAndTheResultSaysItWasCut()
    {
        using var route = Route(rowLimit: 2);

        var table = await route.ExecuteAsync("concert_singer", "SELECT name FROM singer");

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(5, table.TotalRows);
        Assert.True(table.Truncated);
    }

    [Fact]
    public async Task AQueryRunningPastTheTimeLimitIsStopped()
    {
        using var route = Route(timeoutMilliseconds: 50);

        await Assert.ThrowsAsync<SqlExecutionException>(() => route.ExecuteAsync("concert_singer",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"));
    }

    [Fact]
    public async Task TheAdversarialSuiteWritesNothingAndLeavesEveryChecksum()
    {
        var file = Path.Combine(SampleEngine.RepositoryRoot, "samples", "eval", "sql", "adversarial.jsonl");

        var report = await SqlEvaluation.RunAsync(fixture.Folder, null, null, file, SharedModel.Embedder, DateTimeOffset.UtcNow);

        var adversarial = report["adversarial"]!;
        Assert.True((int)adversarial["tried"]! > 100);
        Assert.Equal(0, (int)adversarial["executedWrites"]!);
        Assert.True((bool)adversarial["checksumUnchanged"]!);
        var sqlLines = File.ReadLines(file).Count(l => JsonDocument.Parse(l).RootElement.TryGetProperty("sql", out _));
        Assert.True((int)adversarial["refused"]! >= sqlLines - 1, $"{adversarial["refused"]} of {sqlLines} statements refused");
    }

    [Fact]
    public async Task TheParaphraseSplitOfTheFixtureIsAnsweredFromItsPairs()
    {
        var report = await SqlEvaluation.RunAsync(fixture.Folder, null, null, null, SharedModel.Embedder, DateTimeOffset.UtcNow);

        Assert.Equal(5, (int)report["total"]!);
        Assert.Equal(0, (int)report["wrong"]!);
        Assert.True((int)report["correct"]! >= 4, report.ToJsonString());
    }

    private SqlRoute Route(int rowLimit = 50, int timeoutMilliseconds = 3000)
    {
        var options = new SqlOptions { RowLimit = rowLimit, TimeoutMilliseconds = timeoutMilliseconds };
        options.Databases.Add(new SqlDatabaseOptions { Name = "concert_singer", ConnectionString = fixture.DatabaseFile("concert_singer") });
        return SqlRoutes.Create(options, fixture.Folder, fixture.Folder);
    }
}
