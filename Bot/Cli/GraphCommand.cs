using System.CommandLine;
using System.Text.Json;
using Assistant.Rag.Graph;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>graph query "&lt;cypher&gt;" [--load F] [--json]</c>: runs one read query on the embedded graph (the configured
/// import file, or the script given with --load) through the same guard as the graph route, and prints the rows.
/// </summary>
internal static class GraphCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static Command Create()
    {
        var cypher = new Argument<string>("cypher") { Description = "The read query (MATCH … RETURN …)." };
        var load = new Option<FileInfo?>("--load") { Description = "A Cypher import script to load instead of the configured graph (Graph:ImportFile; unset: the embedded Fernhill Labs graph)." };
        var json = new Option<bool>("--json") { Description = "Print {\"columns\", \"rows\"} as JSON." };
        var maxRows = new Option<int>("--max-rows") { Description = "The LIMIT added when the query has none.", DefaultValueFactory = _ => 1000 };
        var query = new Command("query", "Run one read query on the embedded graph.") { cypher, load, json, maxRows };
        query.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(load) is null)
            {
                try
                {
                    // With Graph:Neo4j configured the query goes to that server (same guard, EXPLAIN check, read mode).
                    var remote = await GraphSettings.QueryNeo4jAsync(CliHost.LoadConfiguration(), parse.GetValue(cypher) ?? string.Empty, parse.GetValue(maxRows), cancellationToken).ConfigureAwait(false);
                    if (remote is not null)
                    {
                        await PrintAsync(remote, parse.GetValue(json)).ConfigureAwait(false);
                        return 0;
                    }
                }
                catch (Exception exception) when (exception is GraphQueryRefusedException or CypherRuntimeException)
                {
                    await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                    return 1;
                }
            }

            EmbeddedGraph graph;
            try
            {
                graph = parse.GetValue(load) is { } file
                    ? EmbeddedGraph.FromFile(file.FullName)
                    : GraphSettings.Load(CliHost.LoadConfiguration(), Directory.GetCurrentDirectory());
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CypherSyntaxException or CypherRuntimeException)
            {
                await Console.Error.WriteLineAsync($"Cannot load the graph: {exception.Message}").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var rows = graph.Query(parse.GetValue(cypher) ?? string.Empty, maxRows: parse.GetValue(maxRows), cancellationToken: cancellationToken);
                await PrintAsync(rows, parse.GetValue(json)).ConfigureAwait(false);
                return 0;
            }
            catch (Exception exception) when (exception is GraphQueryRefusedException or CypherRuntimeException)
            {
                await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return new Command("graph", "Query the embedded knowledge graph.") { query };
    }

    private static async Task PrintAsync(GraphRows rows, bool json)
    {
        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { columns = rows.Columns, rows = rows.Rows }, Json)).ConfigureAwait(false);
            return;
        }

        await Console.Out.WriteLineAsync(string.Join('\t', rows.Columns)).ConfigureAwait(false);
        foreach (var row in rows.Rows)
        {
            await Console.Out.WriteLineAsync(string.Join('\t', row.Select(c => c is string s ? s : JsonSerializer.Serialize(c, Json)))).ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync($"({rows.Rows.Count} row(s))").ConfigureAwait(false);
    }
}
